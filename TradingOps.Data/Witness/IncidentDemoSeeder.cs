using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Floor;
using TradingOps.Core.Notifications;
using TradingOps.Core.Witness;
using TradingOps.Data.Floor;

namespace TradingOps.Data.Witness;

/// <summary>
/// The demo's one incident (issue 19 item 3), handled and closed: a bid opening that ended earlier (today's first ended
/// one, else the latest ended session) had a system failure 15 minutes in, was suspended for 20 minutes and resumed; the
/// supervising department was told by phone and its feedback recorded; the checklist ticked. Written as the real handling
/// writes it: the incident through its own rules, the witness entries through <see cref="WitnessLog"/> in one transaction
/// (so the project's chain stays valid), the messages through <see cref="IncidentNotices"/>. Nothing open is left: an open
/// incident would block the project's certificate. Runs once (skipped when any incident exists).
/// </summary>
public static class IncidentDemoSeeder
{
    public static async Task SeedAsync(TradingOpsDbContext db, WitnessOptions options, DateTimeOffset now, CancellationToken ct = default)
    {
        if (await db.Incidents.AnyAsync(ct)) return;
        var ended = await db.RoomBookings.AsNoTracking()
            .Where(b => b.Phase == SessionPhase.Ended && b.Purpose == BookingPurpose.BidOpening && b.StartedAt != null && b.EndedAt != null && b.EndedAt < now)
            .OrderByDescending(b => b.EndedAt).Take(50).ToListAsync(ct);
        var booking = ended.Where(b => b.EndedAt - b.StartedAt >= TimeSpan.FromMinutes(50)).OrderBy(b => b.StartsAt).FirstOrDefault();
        if (booking is null) return;

        var started = booking.StartedAt!.Value;
        var failedAt = started.AddMinutes(15);
        var resumedAt = failedAt.AddMinutes(20);
        var reportedAt = failedAt.AddMinutes(10);
        var feedbackAt = booking.EndedAt!.Value.AddMinutes(30) < now ? booking.EndedAt.Value.AddMinutes(30) : now;
        var closedAt = feedbackAt;
        const string who = "staff";
        var room = await db.Rooms.AsNoTracking().Where(r => r.Id == booking.RoomId).Select(r => r.Name).SingleAsync(ct);
        var center = await BookingOutbox.CenterNameAsync(db, ct);

        await WitnessLedger.InTransactionAsync(db, async () =>
        {
            var incident = Incident.Raise(booking.ProjectCode, booking.ProjectId, booking.Id, IncidentCategory.SystemFailure, IncidentScope.Session,
                "开标解密阶段，电子开标系统解密服务无响应，投标人无法完成解密", who, failedAt, TimeSpan.FromHours(options.IncidentReportHours));
            db.Incidents.Add(incident);
            var data = System.Text.Json.JsonSerializer.Serialize(new { incident = incident.Id, category = incident.Category.ToString(), scope = incident.Scope.ToString() });
            async Task Entry(WitnessEntryKind kind, string code, string text, DateTimeOffset at) =>
                await WitnessLog.AppendAsync(db, new WitnessDraft(booking.ProjectCode, booking.ProjectId, booking.Id, kind, code, text, data, at, who), at, ct);

            await Entry(WitnessEntryKind.Incident, WitnessCodes.IncidentRaised, $"异常事件 {incident.Number}（系统故障，本场次）：{incident.Description}", failedAt);
            incident.Suspend("解密服务无响应", who, failedAt.AddMinutes(1));
            await Entry(WitnessEntryKind.System, WitnessCodes.SessionSuspended, "会议暂停：解密服务无响应", failedAt.AddMinutes(1));
            await Entry(WitnessEntryKind.Incident, WitnessCodes.IncidentSuspended, "场次暂停：解密服务无响应", failedAt.AddMinutes(1));
            foreach (var (code, minutes) in new[] { ("record-fault", 2), ("call-tech", 3), ("tell-parties", 4), ("keep-evidence", 6), ("report-department", 10), ("resume-after-fix", 20) })
            {
                db.IncidentTicks.Add(incident.Tick(code, who, failedAt.AddMinutes(minutes)));
                await Entry(WitnessEntryKind.Incident, WitnessCodes.IncidentTicked, $"处置清单：{IncidentChecklists.Item(incident.Category, code).Text}", failedAt.AddMinutes(minutes));
            }
            incident.RecordReport(IncidentReportChannel.Phone, "监管局值班室接报", who, reportedAt);
            await Entry(WitnessEntryKind.Incident, WitnessCodes.IncidentReported, $"已向{options.DepartmentName}报告（电话，监管局值班室接报）", reportedAt);
            incident.Resume("技术保障人员重启解密服务后恢复", who, resumedAt);
            await Entry(WitnessEntryKind.System, WitnessCodes.SessionResumed, "会议恢复", resumedAt);
            await Entry(WitnessEntryKind.Incident, WitnessCodes.IncidentResumed, "恢复交易：技术保障人员重启解密服务后恢复", resumedAt);
            incident.RecordFeedback("已知悉。请核查解密服务故障原因并书面报送", who, feedbackAt);
            await Entry(WitnessEntryKind.Incident, WitnessCodes.IncidentFeedback, $"{options.DepartmentName}反馈：{incident.Feedback}", feedbackAt);
            incident.Close("故障已排除，开标完成", who, closedAt, sessionsStillSuspended: 0);
            await Entry(WitnessEntryKind.Incident, WitnessCodes.IncidentClosed, "异常事件处置完毕：故障已排除，开标完成", closedAt);

            var messages = new List<OutboxMessage>();
            messages.AddRange(IncidentNotices.ForAgency(IncidentAction.Suspended, incident, booking, room, center, "解密服务无响应", failedAt.AddMinutes(1)));
            messages.AddRange(IncidentNotices.ForDepartment(IncidentAction.Suspended, incident, options, [room], center, "解密服务无响应", failedAt.AddMinutes(1)));
            messages.AddRange(IncidentNotices.ForAgency(IncidentAction.Resumed, incident, booking, room, center, null, resumedAt));
            messages.AddRange(IncidentNotices.ForDepartment(IncidentAction.Resumed, incident, options, [room], center, null, resumedAt));
            foreach (var m in messages) m.MarkSent(m.CreatedAt.AddSeconds(5)); // delivered at the time (the demo's past)
            db.OutboxMessages.AddRange(messages);
            db.IncidentNotices.AddRange(messages.Select(m => new IncidentNotice(incident.Id, m.Id)));
            return incident;
        }, ct);
    }
}
