using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Calendar;
using TradingOps.Core.Cases;
using TradingOps.Core.Due;
using TradingOps.Core.Queue;
using TradingOps.Core.Registrations;
using TradingOps.Core.Venue;
using TradingOps.Core.Witness;

namespace TradingOps.Data.Due;

/// <summary>
/// Reads every open item of each kind for the board of everything due, each with the deadline its own feature set
/// when it opened the item (stored on the item: nothing is recounted here) and its owner as that feature records it,
/// as a user name where the feature records a staff name. One bounded query per kind, whatever the number of items.
/// </summary>
public sealed class DueBoardQueries(
    IDbContextFactory<TradingOpsDbContext> factory,
    IWorkdayCalendarProvider calendars,
    IOptions<CaseOptions> caseOptions,
    IOptions<VenueRequestOptions> requestOptions)
{
    /// <summary>Every open item the filter asks for, in the board's order (<see cref="DueBoard.Order"/>).</summary>
    public async Task<IReadOnlyList<DueItem>> ReadAsync(DueFilter? filter, DateTimeOffset now, CancellationToken ct = default)
    {
        filter ??= DueFilter.Everything;
        bool Wanted(DueKind k) => filter.Kinds is not { Count: > 0 } kinds || kinds.Contains(k);
        var calendar = await calendars.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var users = await StaffUsersAsync(db, ct);
        var items = new List<DueItem>();
        if (Wanted(DueKind.RatingFollowUp)) items.AddRange(await FollowUpsAsync(db, calendar, ct));
        if (Wanted(DueKind.Case)) items.AddRange(await CasesAsync(db, ct));
        if (Wanted(DueKind.MisconductReport)) items.AddRange(await MisconductAsync(db, ct));
        if (Wanted(DueKind.IncidentReport)) items.AddRange(await IncidentsAsync(db, ct));
        if (Wanted(DueKind.VenueRequest)) items.AddRange(await VenueRequestsAsync(db, ct));
        if (Wanted(DueKind.Registration)) items.AddRange(await RegistrationsAsync(db, users, calendar, ct));
        return DueBoard.Order(DueBoard.Filter(items, filter), now);
    }

    /// <summary>The open cases as rows (no personal data), for the wall's overdue alert (<see cref="CaseProjection.ForWall"/>).</summary>
    public async Task<IReadOnlyList<CaseRow>> OpenCaseRowsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var open = await db.Cases.AsNoTracking().Where(c => CaseStates.Open.Contains(c.State)).ToListAsync(ct);
        return open.Select(c => c.ToRow()).ToList();
    }

    /// <summary>The names <paramref name="userName"/> goes by on the board: the user name and the linked staff member's name.</summary>
    public async Task<IReadOnlyList<string>> NamesOfAsync(string userName, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var staff = await (from u in db.Users where u.UserName == userName
                           join s in db.Staff on u.Id equals s.UserId
                           select s.Name).ToListAsync(ct);
        return [userName, .. staff];
    }

    /// <summary>Staff names (as some features record a clerk) to user names, for names only one linked staff member has.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> StaffUsersAsync(TradingOpsDbContext db, CancellationToken ct)
    {
        var linked = await (from s in db.Staff where s.UserId != null
                            join u in db.Users on s.UserId equals u.Id
                            select new { s.Id, s.Name, u.UserName }).ToListAsync(ct);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var g in linked.GroupBy(x => x.Name).Where(g => g.Count() == 1 && g.Single().UserName is not null))
            map[g.Key] = g.Single().UserName!;
        foreach (var x in linked.Where(x => x.UserName is not null)) map[x.Id.ToString("N")] = x.UserName!;
        return map;
    }

    private static async Task<IEnumerable<DueItem>> FollowUpsAsync(TradingOpsDbContext db, WorkdayCalendar calendar, CancellationToken ct)
    {
        // Window ratings (ticket code, service type) and session ratings (project code, rated service): one stream of 好差评.
        var rows = await (from f in db.RatingFollowUps.AsNoTracking()
                          where f.ClosedAt == null
                          join r in db.SatisfactionRatings on f.RatingId equals r.Id
                          join t in db.QueueTickets on f.TicketId equals (Guid?)t.Id into ts
                          from t in ts.DefaultIfEmpty()
                          join st in db.ServiceTypes on t.ServiceTypeId equals st.Id into sts
                          from st in sts.DefaultIfEmpty()
                          join b in db.RoomBookings on f.BookingId equals (Guid?)b.Id into bs
                          from b in bs.DefaultIfEmpty()
                          select new
                          {
                              f.Id, f.OpenedAt, f.ContactDueAt, f.ResolveDueAt, f.ContactedAt, r.Level, r.Service,
                              Ticket = t == null ? null : t.Code, Type = st == null ? null : st.Name, Project = b == null ? null : b.ProjectCode,
                          }).ToListAsync(ct);
        return rows.Select(x =>
        {
            var due = x.ContactedAt is null ? x.ContactDueAt : x.ResolveDueAt;
            var service = x.Type ?? SatisfactionRating.ServiceText(x.Service);
            return new DueItem(DueKind.RatingFollowUp, x.Id, x.Ticket ?? x.Project ?? "—", $"{service} · {SatisfactionRating.LevelText(x.Level)}",
                null, "中心", due, calendar.Deadline(x.OpenedAt, due).Provisional,
                x.ContactedAt is null ? "FollowUp.Contact" : "FollowUp.Resolve", "/queue/followups", x.OpenedAt);
        });
    }

    private async Task<IEnumerable<DueItem>> CasesAsync(TradingOpsDbContext db, CancellationToken ct)
    {
        var open = await db.Cases.AsNoTracking().Where(c => CaseStates.Open.Contains(c.State)).ToListAsync(ct);
        var soon = TimeSpan.FromMinutes(caseOptions.Value.DueSoonMinutes);
        return open.Select(c =>
        {
            var row = c.ToRow();
            var since = c.AnsweredAt ?? c.ForwardedAt ?? c.ReceivedAt;
            return new DueItem(DueKind.Case, c.Id, c.Number, $"{CaseRules.KindName(c.Kind)} · {c.ProjectCode ?? "—"}",
                c.Handler, row.Awaiting ?? "中心", row.DueAt, row.DueProvisional, $"Case.{c.State}", $"/cases/{c.Id}", since,
                row.DueAt is null ? (c.State == CaseState.Answered ? "Case.AnsweredToResolve" : "Case.NoLegalDeadline") : null, soon);
        });
    }

    private static async Task<IEnumerable<DueItem>> MisconductAsync(TradingOpsDbContext db, CancellationToken ct)
    {
        var rows = await db.MisconductRecords.AsNoTracking().Where(r => r.State == MisconductState.Recorded)
            .Select(r => new { r.Id, r.ProjectCode, r.Category, r.Party, r.RecordedBy, r.RecordedAt, r.DueAt, r.DueProvisional }).ToListAsync(ct);
        return rows.Select(r => new DueItem(DueKind.MisconductReport, r.Id, r.ProjectCode,
            $"{MisconductRules.Name(r.Category)} · {MisconductRules.Name(r.Party)}", Person(r.RecordedBy), "中心（报告监督部门）",
            r.DueAt, r.DueProvisional, "Misconduct.Recorded", $"/witness/misconduct/{r.Id}", r.RecordedAt));
    }

    private static async Task<IEnumerable<DueItem>> IncidentsAsync(TradingOpsDbContext db, CancellationToken ct)
    {
        var open = await db.Incidents.AsNoTracking().Where(i => i.ReportedAt == null && i.State != IncidentState.Closed).ToListAsync(ct);
        return open.Select(i => new DueItem(DueKind.IncidentReport, i.Id, i.Number,
            $"{IncidentNotices.CategoryName(i.Category)} · {i.ProjectCode}", Person(i.OpenedBy), "中心（报告监督部门）",
            i.ReportDueAt, false, $"Incident.{i.State}", $"/witness/incidents/{i.Id}", i.OpenedAt));
    }

    private async Task<IEnumerable<DueItem>> VenueRequestsAsync(TradingOpsDbContext db, CancellationToken ct)
    {
        var rows = await db.VenueRequests.AsNoTracking().Where(r => r.Status == VenueRequestStatus.Open)
            .Select(r => new { r.Id, r.Kind, r.ProjectCode, r.ProjectName, r.ReceivedBy, r.ReceivedAt, r.DueAt, r.DueProvisional }).ToListAsync(ct);
        var soon = TimeSpan.FromMinutes(requestOptions.Value.DueSoonMinutes);
        return rows.Select(r => new DueItem(DueKind.VenueRequest, r.Id, r.ProjectCode, $"{RequestKindName(r.Kind)} · {r.ProjectName}",
            Person(r.ReceivedBy), "中心", r.DueAt, r.DueProvisional, $"Request.{r.Kind}", "/venue/requests", r.ReceivedAt, null, soon));
    }

    private static async Task<IEnumerable<DueItem>> RegistrationsAsync(TradingOpsDbContext db, IReadOnlyDictionary<string, string> users,
        WorkdayCalendar calendar, CancellationToken ct)
    {
        // Waiting on the center, returned to the agency for correction (一次性告知), or accepted with materials to follow (容缺).
        var rows = await db.Registrations.AsNoTracking()
            .Where(r => r.Status == RegistrationStatus.Submitted || r.Status == RegistrationStatus.InReview || r.Status == RegistrationStatus.Resubmitted
                        || r.Status == RegistrationStatus.Returned
                        || (r.Status == RegistrationStatus.Accepted && r.MissingMaterialsDueAt != null && r.MissingMaterialsReceivedAt == null))
            .Select(r => new
            {
                r.Id, r.Code, r.ProjectName, r.Status, r.Reviewer, r.ResponsibleStaffId, r.LastSubmittedAt, r.DueAt, r.CompletedAt,
                r.MissingMaterialsDueAt,
                Notice = r.Notices.OrderByDescending(n => n.Sequence).Select(n => new { n.IssuedAt, n.IssuedBy }).FirstOrDefault(),
            }).ToListAsync(ct);
        string? Owner(string? staffName) => staffName is null ? null : users.GetValueOrDefault(staffName, staffName);
        var href = (Guid id) => $"/registrations/{id}";
        return rows.Select(r => r.Status switch
        {
            RegistrationStatus.Returned => new DueItem(DueKind.Registration, r.Id, r.Code, r.ProjectName, Owner(r.Notice?.IssuedBy ?? r.Reviewer),
                "代理机构（补正）", null, false, "Registration.Returned", href(r.Id), r.Notice?.IssuedAt ?? r.LastSubmittedAt, "Registration.NoResubmissionDeadline"),
            RegistrationStatus.Accepted => new DueItem(DueKind.Registration, r.Id, r.Code, r.ProjectName,
                r.ResponsibleStaffId is { } s ? users.GetValueOrDefault(s.ToString("N")) : null,
                "代理机构（容缺材料）", r.MissingMaterialsDueAt, false, "Registration.MissingMaterials", href(r.Id), r.CompletedAt ?? r.LastSubmittedAt),
            _ => new DueItem(DueKind.Registration, r.Id, r.Code, r.ProjectName, Owner(r.Reviewer), "中心", r.DueAt,
                r.DueAt is { } due && calendar.Deadline(r.LastSubmittedAt, due).Provisional,
                $"Registration.{r.Status}", href(r.Id), r.LastSubmittedAt, WaitingOnCenter: true),
        });
    }

    /// <summary>A person's name as recorded; a job or the system (job:…, system:…) owns nothing: unassigned.</summary>
    private static string? Person(string? name) =>
        name is null || name.StartsWith("system:", StringComparison.Ordinal) || name.StartsWith("job:", StringComparison.Ordinal) ? null : name;


    private static string RequestKindName(VenueRequestKind kind) => kind switch
    {
        VenueRequestKind.Booking => "场地预约",
        VenueRequestKind.Change => "场地变更",
        _ => "场地取消",
    };
}
