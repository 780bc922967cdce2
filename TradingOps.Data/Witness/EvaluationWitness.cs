using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Witness;

namespace TradingOps.Data.Witness;

/// <summary>
/// The system entries the evaluation area writes into its project's witness log, in the transaction of the change
/// they record: a draw or redraw confirmed, a provincial draw imported, a person admitted or refused at the gate.
/// Codes and counts only: an expert is named by code, never by name, ID number or phone.
/// </summary>
public static class EvaluationWitness
{
    /// <summary>抽取确认 / 补抽确认 / 省级抽取导入: the round's number, counts, the candidates' SHA-256 and the drawn codes.</summary>
    public static async Task AppendDrawAsync(TradingOpsDbContext db, DrawRequest request, DrawRound round, IReadOnlyList<string> codes,
        string actor, DateTimeOffset now, CancellationToken ct)
    {
        // The round is added (not yet saved): the saved ones are those before it.
        var number = await db.DrawRounds.CountAsync(r => r.RequestId == request.Id, ct) + 1;
        var (code, what) = round.Kind switch
        {
            DrawRoundKind.Redraw => (WitnessCodes.DrawRedrawn, "补抽确认"),
            DrawRoundKind.ProvincialImport => (WitnessCodes.DrawImported, "省级抽取结果导入"),
            _ => (WitnessCodes.DrawConfirmed, "抽取确认"),
        };
        var text = $"{what}：第 {number} 轮，抽取 {round.Wanted} 人（候选 {round.CandidateCount} 人），专家编号 {string.Join("、", codes)}；候选名单 SHA-256 {round.CandidatesHash}";
        var data = JsonSerializer.Serialize(new { round = number, roundId = round.Id, wanted = round.Wanted, candidates = round.CandidateCount, candidatesSha256 = round.CandidatesHash, codes });
        var projectId = await db.RoomBookings.Where(b => b.Id == request.BookingId).Select(b => b.ProjectId).SingleOrDefaultAsync(ct);
        await WitnessLog.AppendAsync(db, new WitnessDraft(request.ProjectCode, projectId, request.BookingId, WitnessEntryKind.System, code,
            text, data, now, actor), now, ct);
    }

    /// <summary>闸机入场 / 拒绝: the session's entry for a gate decision (expert code and seat; or the refusal's code).</summary>
    public static WitnessDraft Gate(string projectCode, Guid? projectId, Guid bookingId, GateEventKind kind, PersonKind? person, string? expertCode,
        int? seat, string? reason, bool overridden, string actor, DateTimeOffset now)
    {
        var who = person switch
        {
            PersonKind.Expert => $"专家 {expertCode ?? "（编号未知）"}",
            PersonKind.InitiatorRepresentative => "招标人代表",
            PersonKind.AgencyStaff => "代理机构人员",
            _ => "人员",
        };
        string code, text;
        if (kind == GateEventKind.Refused)
        {
            var refusal = GateRefusal.CodeOf(reason);
            (code, text) = (WitnessCodes.GateRefused, $"闸机拒绝：{who}；拒绝代码 {refusal ?? "unknown"}");
        }
        else
        {
            var entry = kind == GateEventKind.ReEntry ? "再次入场" : "入场";
            (code, text) = (overridden ? WitnessCodes.GateOverride : WitnessCodes.GateAdmitted,
                $"闸机{entry}：{who}{(seat is { } s ? $"，座位 {s}" : "")}{(overridden ? "（值班经理核准）" : "")}");
        }
        var data = JsonSerializer.Serialize(new { person = person?.ToString(), expert = expertCode, seat, refusal = kind == GateEventKind.Refused ? GateRefusal.CodeOf(reason) : null });
        return new WitnessDraft(projectCode, projectId, bookingId, WitnessEntryKind.System, code, text, data, now, actor);
    }

    /// <summary>Saves a gate decision with its session's entry (a decision not tied to a session saves without one).</summary>
    public static Task SaveGateAsync(TradingOpsDbContext db, Guid? bookingId, GateEventKind kind, PersonKind? person, Guid? memberId, int? seat,
        string? reason, bool overridden, string actor, DateTimeOffset now, CancellationToken ct)
    {
        if (bookingId is not { } id) return db.SaveChangesAsync(ct);
        return SaveWithAsync(db, async () =>
        {
            var b = await db.RoomBookings.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.ProjectCode, x.ProjectId }).SingleAsync(ct);
            var code = memberId is { } m
                ? await db.CommitteeMembers.AsNoTracking().Where(x => x.Id == m).Select(x => x.ExpertCode).SingleOrDefaultAsync(ct)
                : null;
            return [Gate(b.ProjectCode, b.ProjectId, id, kind, person, code, seat, reason, overridden, actor, now)];
        }, now, ct);
    }

    /// <summary>
    /// Saves the context's changes with the given entries in one transaction, retried whole by the execution strategy
    /// (entries of a failed attempt are dropped before the next). For services that saved without their own transaction.
    /// </summary>
    public static async Task SaveWithAsync(TradingOpsDbContext db, Func<Task<IReadOnlyList<WitnessDraft>>> drafts, DateTimeOffset now, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            foreach (var e in db.ChangeTracker.Entries().Where(e => e.Entity is WitnessEntry or WitnessChainHead).ToList())
                e.State = EntityState.Detached;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var d in await drafts()) await WitnessLog.AppendAsync(db, d, now, ct);
            await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
            await tx.CommitAsync(ct);
        });
        db.ChangeTracker.AcceptAllChanges();
    }
}
