using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Auditing;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Witness;

namespace TradingOps.Data.Witness;

/// <summary>What the new-record form takes. A record in a session names its booking; the project then comes from it.</summary>
public sealed record MisconductDraft(
    Guid? BookingId,
    string? ProjectCode,
    MisconductParty Party,
    string? PartyName,
    string? ExpertCode,
    MisconductCategory Category,
    OnTheSpotAction OnTheSpot,
    string? Description,
    IReadOnlyList<EvidenceReference> Evidence,
    DateTimeOffset? FoundAt = null);

/// <summary>
/// 不良行为记录 (Yunnan 5.4.8): record, report to the supervising department, its feedback, close. Each step is one
/// transaction holding the record's change, its witness entry (kind Misconduct, through <see cref="WitnessLog"/>) and,
/// for the report, the department's messages in the outbox. Only operators write (<see cref="WitnessActors"/>): the
/// supervising departments' Observer accounts are refused on the server.
/// </summary>
public sealed class MisconductService(
    IDbContextFactory<TradingOpsDbContext> factory,
    IWorkdayCalendarProvider calendars,
    ICurrentActor actor,
    IOptions<WitnessOptions> options,
    TimeProvider clock)
{
    public WitnessOptions Options => options.Value;

    public async Task<MisconductRecord> RecordAsync(MisconductDraft draft, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        var calendar = await calendars.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        await WitnessActors.EnsureMayRecordAsync(db, who, ct);
        return await WitnessLedger.InTransactionAsync(db, async () =>
        {
            var now = clock.GetUtcNow();
            string projectCode;
            Guid? projectId;
            if (draft.BookingId is { } bookingId)
            {
                var booking = await db.RoomBookings.AsNoTracking().Where(b => b.Id == bookingId)
                    .Select(b => new { b.ProjectCode, b.ProjectId }).SingleOrDefaultAsync(ct)
                    ?? throw new DomainException("Misconduct.NoSession", "所选场次不存在");
                (projectCode, projectId) = (booking.ProjectCode, booking.ProjectId);
                if (!PlainText.IsBlank(draft.ProjectCode) && WitnessChain.KeyOf(draft.ProjectCode) != WitnessChain.KeyOf(projectCode))
                    throw new DomainException("Misconduct.ProjectMismatch", $"场次属于项目 {projectCode}，与所填项目编号不符");
            }
            else
            {
                if (PlainText.IsBlank(draft.ProjectCode))
                    throw new DomainException("Misconduct.ProjectRequired", "请填写项目编号或选择场次");
                var key = WitnessChain.KeyOf(draft.ProjectCode);
                var project = await db.TradingProjects.AsNoTracking().Where(p => p.Code == key)
                    .Select(p => new { p.Id, p.Code }).FirstOrDefaultAsync(ct);
                (projectCode, projectId) = (project?.Code ?? key, project?.Id);
            }
            var foundAt = draft.FoundAt ?? now;
            var record = new MisconductRecord(projectCode, projectId, draft.BookingId, draft.Party, draft.PartyName, draft.ExpertCode,
                draft.Category, draft.OnTheSpot, draft.Description ?? "", draft.Evidence, foundAt, who.Name, now,
                MisconductRules.ReportDue(foundAt, options.Value.MisconductReportWorkingDays, calendar));
            db.MisconductRecords.Add(record);
            await WitnessLog.AppendAsync(db, Entry(record, MisconductState.Recorded, WitnessCodes.MisconductRecorded, record.FoundAt, who), now, ct);
            return record;
        }, ct);
    }

    /// <summary>报告监督部门: the reference of the report; the department's e-mail and SMS go to the outbox in the same transaction.</summary>
    public Task<MisconductRecord> ReportAsync(Guid id, string reference, CancellationToken ct = default) =>
        ChangeAsync(id, WitnessCodes.MisconductReported, async (db, r, who, now) =>
        {
            r.Report(reference, who.Name, now);
            db.OutboxMessages.AddRange(MisconductNotice.For(r, options.Value, await Floor.BookingOutbox.CenterNameAsync(db, ct), now));
            return now;
        }, ct);

    /// <summary>The department's feedback as received (by letter, phone or its system); when it came, default now.</summary>
    public Task<MisconductRecord> FeedbackAsync(Guid id, string feedback, DateTimeOffset? receivedAt = null, CancellationToken ct = default) =>
        ChangeAsync(id, WitnessCodes.MisconductFeedback, (_, r, who, now) =>
        {
            var at = receivedAt ?? now;
            if (at > now.AddMinutes(1)) throw new DomainException("Misconduct.FeedbackInFuture", "反馈时间不能晚于现在");
            r.ReceiveFeedback(feedback, who.Name, at);
            return Task.FromResult(at);
        }, ct);

    public Task<MisconductRecord> CloseAsync(Guid id, CancellationToken ct = default) =>
        ChangeAsync(id, WitnessCodes.MisconductClosed, (_, r, who, now) =>
        {
            r.Close(who.Name, now);
            return Task.FromResult(now);
        }, ct);

    private async Task<MisconductRecord> ChangeAsync(Guid id, string code,
        Func<TradingOpsDbContext, MisconductRecord, Actor, DateTimeOffset, Task<DateTimeOffset>> change, CancellationToken ct)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        await WitnessActors.EnsureMayRecordAsync(db, who, ct);
        try
        {
            return await WitnessLedger.InTransactionAsync(db, async () =>
            {
                var now = clock.GetUtcNow();
                var record = await db.MisconductRecords.SingleOrDefaultAsync(r => r.Id == id, ct)
                    ?? throw new DomainException("Misconduct.NotFound", "不良行为记录不存在");
                var occurred = await change(db, record, who, now);
                await WitnessLog.AppendAsync(db, Entry(record, record.State, code, occurred, who), now, ct);
                return record;
            }, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("Misconduct.Concurrent", "该记录刚被其他人处理，请刷新后查看");
        }
    }

    private static WitnessDraft Entry(MisconductRecord r, MisconductState step, string code, DateTimeOffset occurredAt, Actor who) =>
        new(r.ProjectCode, r.ProjectId, r.BookingId, WitnessEntryKind.Misconduct, code, r.EntryText(step), r.EntryData(step), occurredAt, who.Name);
}
