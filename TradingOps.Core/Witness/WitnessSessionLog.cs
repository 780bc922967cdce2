using System.Text.Json;
using System.Text.Json.Serialization;
using TradingOps.Core.Common;

namespace TradingOps.Core.Witness;

/// <summary>
/// A session's witness log as its rules see it: the checklist, the entries of the session (in chain order) and what
/// follows from them (steps ticked, closed). Every write the witness makes is checked here first: the order check,
/// the same step twice, a late entry, a closed log, a correction's target, closing itself.
/// </summary>
public sealed class WitnessSessionLog
{
    public const string ClosedMessage = "见证记录已关闭（已签署），不能再记录步骤、见证内容、录像索引或更正";

    private readonly IReadOnlyList<WitnessEntry> _entries;

    public WitnessSessionLog(WitnessSessionKind kind, IReadOnlyList<ChecklistStep> steps, IEnumerable<WitnessEntry> entriesOfSession)
    {
        Kind = kind;
        Steps = steps;
        _entries = entriesOfSession.OrderBy(e => e.Sequence).ToList();
        Ticked = _entries.Where(e => e.Kind == WitnessEntryKind.Step && e.Code is not null).Select(e => e.Code!).ToHashSet(StringComparer.Ordinal);
        IsClosed = _entries.Any(e => e.Kind == WitnessEntryKind.System && e.Code == WitnessCodes.LogClosed);
    }

    public WitnessSessionKind Kind { get; }
    public IReadOnlyList<ChecklistStep> Steps { get; }
    public IReadOnlyList<WitnessEntry> Entries => _entries;
    public IReadOnlySet<string> Ticked { get; }
    public bool IsClosed { get; }

    /// <summary>Steps of the checklist ticked (a step code not on the checklist does not count).</summary>
    public int Done => Steps.Count(s => Ticked.Contains(s.Code));

    /// <summary>The first step not yet ticked (the one a witness expects next), or null when all are.</summary>
    public ChecklistStep? Next => Steps.FirstOrDefault(s => !Ticked.Contains(s.Code));

    /// <summary>Refuses any write by the witness once the log is closed (system entries still land: they do not ask).</summary>
    public void EnsureOpen()
    {
        if (IsClosed) throw new DomainException("Witness.Closed", ClosedMessage);
    }

    /// <summary>
    /// Checks ticking a step and returns its flag (null when none): refused when the log is closed, the code is not on
    /// the checklist, the step is already ticked, or the time lies in the future; a step whose earlier steps are not all
    /// ticked needs a reason and is flagged 顺序异常; a step ticked more than <paramref name="lateAfter"/> after it
    /// happened is flagged 补记.
    /// </summary>
    public string? CheckTick(string code, DateTimeOffset occurredAt, DateTimeOffset now, string? reason, TimeSpan lateAfter)
    {
        EnsureOpen();
        var index = Steps.Select((s, i) => (s, i)).FirstOrDefault(x => x.s.Code == code);
        if (index.s is null) throw new DomainException("Witness.UnknownStep", $"步骤“{code}”不在本场的见证清单中");
        var step = index.s;
        if (Ticked.Contains(code))
            throw new DomainException("Witness.StepTwice", $"步骤“{step.Name}”已记录，不能重复记录；如有错误请使用更正");
        if (occurredAt > now.AddMinutes(1))
            throw new DomainException("Witness.Future", $"步骤“{step.Name}”的发生时间不能晚于当前时间");
        var flags = new List<string>();
        if (now - occurredAt > lateAfter) flags.Add($"补记（{CenterTime.ToLocal(now):HH:mm} 记录）");
        var missing = Steps.Take(index.i).Where(s => !Ticked.Contains(s.Code)).Select(s => s.Name).ToList();
        if (missing.Count > 0)
        {
            var why = PlainText.Clean(reason);
            if (string.IsNullOrEmpty(why))
                throw new DomainException("Witness.OutOfOrder", $"前序步骤“{string.Join("、", missing)}”尚未记录：跳过顺序须说明原因");
            flags.Add($"顺序异常（未记录：{string.Join("、", missing)}）：{why}");
        }
        return flags.Count == 0 ? null : PlainText.Truncate(string.Join("；", flags), WitnessEntry.FlagMaxLength);
    }

    /// <summary>The entry a correction points at: one of this session's own entries written by a person (not a system entry).</summary>
    public WitnessEntry CorrectionTarget(Guid entryId, string? reason)
    {
        EnsureOpen();
        if (PlainText.IsBlank(reason)) throw new DomainException("Witness.CorrectionReason", "更正须写明更正内容");
        var target = _entries.FirstOrDefault(e => e.Id == entryId)
                     ?? throw new DomainException("Witness.CorrectionUnknown", "被更正的记录不属于本场见证记录");
        if (target.Kind is WitnessEntryKind.System)
            throw new DomainException("Witness.CorrectionSystem", "系统记录不能更正；如有疑问请记录见证内容");
        return target;
    }

    /// <summary>
    /// Checks closing (签署关闭) and returns its flag: only after the session ended, once; steps left unticked need a reason
    /// and are named in the flag.
    /// </summary>
    public string? CheckClose(bool sessionEnded, string? reason)
    {
        EnsureOpen();
        if (!sessionEnded) throw new DomainException("Witness.NotEnded", "会议尚未结束，不能关闭见证记录");
        var missing = Steps.Where(s => !Ticked.Contains(s.Code)).Select(s => s.Name).ToList();
        if (missing.Count == 0) return null;
        var why = PlainText.Clean(reason);
        if (string.IsNullOrEmpty(why))
            throw new DomainException("Witness.CloseIncomplete", $"尚有步骤“{string.Join("、", missing)}”未记录：关闭须说明原因");
        return PlainText.Truncate($"未完成步骤（{string.Join("、", missing)}）：{why}", WitnessEntry.FlagMaxLength);
    }

    /// <summary>Those corrected entries' ids and what corrects them (the page strikes the original through, keeps it readable).</summary>
    public ILookup<Guid, WitnessEntry> Corrections =>
        _entries.Where(e => e.Kind == WitnessEntryKind.Correction && e.CorrectsId is not null).ToLookup(e => e.CorrectsId!.Value);
}

/// <summary>
/// 录像索引: where a moment of the session is in the center's video system (channel, from, until); the witness log
/// keeps the reference, never the file. Stored as the entry's Data (compact JSON, covered by the hash).
/// </summary>
public sealed record RecordingReference(string Channel, DateTimeOffset From, DateTimeOffset Until)
{
    public const int ChannelMaxLength = 60;

    /// <summary>Checks a reference against the session's times widened by <paramref name="margin"/>.</summary>
    public static RecordingReference Create(string? channel, DateTimeOffset from, DateTimeOffset until,
        DateTimeOffset sessionFrom, DateTimeOffset sessionUntil, TimeSpan margin)
    {
        var name = Guard.Text(channel, ChannelMaxLength, "录像通道");
        if (until <= from) throw new DomainException("Witness.RecordingRange", "录像结束时间必须晚于开始时间");
        var earliest = sessionFrom - margin;
        var latest = sessionUntil + margin;
        if (from < earliest || until > latest)
            throw new DomainException("Witness.RecordingOutside",
                $"录像时段须在本场会议时间前后 {margin.TotalHours:0} 小时内（{CenterTime.ToLocal(earliest):MM-dd HH:mm}–{CenterTime.ToLocal(latest):MM-dd HH:mm}）");
        return new RecordingReference(name, WitnessChain.Instant(from), WitnessChain.Instant(until));
    }

    public string ToJson() => JsonSerializer.Serialize(new Wire(Channel, From.ToUnixTimeMilliseconds(), Until.ToUnixTimeMilliseconds()));

    public static RecordingReference? Parse(string? data)
    {
        if (data is null) return null;
        try
        {
            var w = JsonSerializer.Deserialize<Wire>(data);
            return w is null ? null : new(w.Channel, DateTimeOffset.FromUnixTimeMilliseconds(w.From), DateTimeOffset.FromUnixTimeMilliseconds(w.Until));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The entry's text: "录像 通道 K201-1 09:00–10:30".</summary>
    public string Describe() => $"录像索引：通道 {Channel}，{CenterTime.ToLocal(From):HH:mm:ss}–{CenterTime.ToLocal(Until):HH:mm:ss}";

    private sealed record Wire(
        [property: JsonPropertyName("channel")] string Channel,
        [property: JsonPropertyName("from")] long From,
        [property: JsonPropertyName("until")] long Until);
}

/// <summary>Where a witnessed session stands, as the day's list shows it.</summary>
public enum WitnessSessionState { NotStarted, InSession, Suspended, Ended, Closed }

public static class WitnessSessionStates
{
    public static WitnessSessionState Of(Floor.SessionPhase phase, bool closed) => closed ? WitnessSessionState.Closed : phase switch
    {
        Floor.SessionPhase.InSession => WitnessSessionState.InSession,
        Floor.SessionPhase.Suspended => WitnessSessionState.Suspended,
        Floor.SessionPhase.Ended => WitnessSessionState.Ended,
        _ => WitnessSessionState.NotStarted,
    };
}
