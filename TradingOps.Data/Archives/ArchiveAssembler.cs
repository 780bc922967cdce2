using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Archives;
using TradingOps.Core.Cases;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Floor;
using TradingOps.Core.Projects;
using TradingOps.Core.Witness;
using TradingOps.Data.Witness;

namespace TradingOps.Data.Archives;

/// <summary>
/// 一项一档: reads a project's archive. OPEN — assembled from the live records on every read, one file per record
/// (stable names, <see cref="ArchiveNames"/>): the project and its registrations (material checklist, deficiency
/// notices), the notices sent, bookings with their changes and venue requests, the witness log and its chain
/// verification (against the signed daily anchors), incidents, draw records (expert codes only; the sealed candidate
/// list stays in the evaluation ledger, the file gives its SHA-256), cases with their timelines, certificates, ratings.
/// LOCKED — the stored files, reconciled on every read: a record that appeared or changed after the lock is appended
/// as a new file (section Additions, named after the day and its hash), a stored file is never replaced. Personal
/// data is masked (phones, e-mails, ID numbers); full values stay behind the audited personal-data reads.
/// A constant number of queries (one per table), whatever the project's size.
/// </summary>
public sealed class ArchiveAssembler(IDbContextFactory<TradingOpsDbContext> factory, WitnessAnchorService anchors, TimeProvider clock) : IArchiveContents
{
    public async Task<ArchiveContents?> ReadAsync(string projectCode, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await ReadAsync(db, projectCode, ct);
    }

    public async Task<ArchiveContents?> ReadAsync(TradingOpsDbContext db, string projectCode, CancellationToken ct = default)
    {
        var code = (projectCode ?? "").Trim();
        if (code.Length == 0) return null;
        var upper = code.ToUpperInvariant();
        var project = await db.TradingProjects.AsNoTracking().FirstOrDefaultAsync(p => p.Code == code || p.Code == upper, ct);
        var archive = await db.ProjectArchives.AsNoTracking().SingleOrDefaultAsync(a => a.ProjectCode == upper, ct);
        var now = clock.GetUtcNow();
        if (archive is null && project is null) return null;
        if (archive is null || archive.State == ArchiveState.Open)
        {
            var files = await AssembleAsync(db, project!, ct);
            return Contents(project!.Code, project.Name, project.Category, project.Method, ArchiveState.Open, null, null, null, files, now);
        }
        if (archive.State == ArchiveState.Destroyed)
            return Contents(archive.ProjectCode, archive.ProjectName, archive.Category, project?.Method ?? TradingMethod.OpenTender,
                archive.State, archive.LockedAt, archive.LockHash, archive.RetainUntil, [], now);

        var stored = await StoredAsync(db, archive.Id, ct);
        if (project is not null)
            stored = await ReconcileAsync(db, archive, project, stored, now, ct);
        return Contents(archive.ProjectCode, archive.ProjectName, archive.Category, project?.Method ?? TradingMethod.OpenTender,
            archive.State, archive.LockedAt, archive.LockHash, archive.RetainUntil, stored, now);
    }

    private static ArchiveContents Contents(string code, string name, TradingCategory category, TradingMethod method, ArchiveState state,
        DateTimeOffset? lockedAt, string? lockHash, DateOnly? retainUntil, IReadOnlyList<ArchiveFile> files, DateTimeOffset now) =>
        new(code, name, category, state, lockedAt, lockHash, retainUntil, files,
            ArchiveCompleteness.Check(category, method, ArchiveFacts.From(files)), now);

    public static async Task<List<ArchiveFile>> StoredAsync(TradingOpsDbContext db, Guid archiveId, CancellationToken ct) =>
        (await db.ArchiveDocuments.AsNoTracking().Where(d => d.ArchiveId == archiveId).ToListAsync(ct))
        .Select(d => d.ToFile()).OrderBy(f => f.Section).ThenBy(f => f.Name, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Appends what changed since the lock: each live file whose record has no stored version, or whose current version
    /// (the stored file, or its latest addition) differs. Two readers at once append the same name (day + hash): the
    /// unique (archive, name) index keeps one, the other reader re-reads.
    /// </summary>
    private async Task<List<ArchiveFile>> ReconcileAsync(TradingOpsDbContext db, ProjectArchive archive, TradingProject project,
        List<ArchiveFile> stored, DateTimeOffset now, CancellationToken ct)
    {
        var current = ArchiveNames.Current(stored).ToDictionary(f => ArchiveNames.BaseOf(f.Name), StringComparer.Ordinal);
        var names = stored.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var additions = new List<ArchiveFile>();
        foreach (var live in await AssembleAsync(db, project, ct))
        {
            if (current.TryGetValue(live.Name, out var have) && have.Sha256 == live.Sha256) continue;
            var added = new ArchiveFile(ArchiveSection.Additions, ArchiveNames.Appended(live, now), $"{live.Title}（归档后追加）", now,
                live.ContentJson, live.Sealed, Appended: true);
            if (names.Add(added.Name)) additions.Add(added);
        }
        if (additions.Count == 0) return stored;
        foreach (var f in additions) db.ArchiveDocuments.Add(new ArchiveDocument(archive.Id, f, "system", now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await StoredAsync(db, archive.Id, ct);
        }
        foreach (var e in db.ChangeTracker.Entries<ArchiveDocument>().ToList()) e.State = EntityState.Detached;
        return [.. stored, .. additions];
    }

    /// <summary>Every file of the project's archive from the live records (what an open archive shows, what the lock stores).</summary>
    public async Task<List<ArchiveFile>> AssembleAsync(TradingOpsDbContext db, TradingProject project, CancellationToken ct)
    {
        var code = project.Code;
        var key = WitnessChain.KeyOf(code);
        var files = new List<ArchiveFile>();
        string Json(string what, object record) => ArchiveJson.Write(code, what, record);

        // 项目与登记
        var staff = await db.Staff.AsNoTracking().Where(s => s.Id == project.ResponsibleStaffId).Select(s => s.Name).FirstOrDefaultAsync(ct);
        files.Add(new ArchiveFile(ArchiveSection.Registration, ArchiveNames.Project, "项目信息", project.RegisteredAt, Json("项目", new
        {
            project.Code, project.Name, project.Category, project.Method, project.Initiator, project.Agency, project.Amount,
            responsibleStaff = staff, project.RegisteredAt, project.BidOpeningAt, project.ClosedAt, project.ClosedBy,
        })));

        var registrations = await db.Registrations.AsNoTracking().Where(r => r.ProjectId == project.Id).OrderBy(r => r.SubmittedAt).ToListAsync(ct);
        var registrationIds = registrations.Select(r => r.Id).ToList();
        var deficiencies = await db.DeficiencyNotices.AsNoTracking().Where(n => registrationIds.Contains(n.RegistrationId)).ToListAsync(ct);
        foreach (var r in registrations)
            files.Add(new ArchiveFile(ArchiveSection.Registration, ArchiveNames.Registration(r.Code), $"项目登记 {r.Code}", r.SubmittedAt, Json("项目登记", new
            {
                r.Code, r.ProjectName, r.Category, r.Method, r.Initiator, r.Agency, r.ContactName,
                contactPhone = r.ContactPhone is { } ph ? ProtectedIdentity.MaskPhone(ph) : null,
                contactIdNumber = IdNumber.Mask(r.ContactIdNumber) is { Length: > 0 } id ? id : null,
                r.Amount, r.BidOpeningAt, r.Channel, r.SubmittedBy, r.Status, r.SubmittedAt, r.LastSubmittedAt, r.DueAt,
                r.SubmittedMaterials, r.GreenChannel, r.GreenChannelReason, r.Reviewer, r.ReviewStartedAt, r.CompletedAt,
                r.MissingMaterials, r.MissingMaterialsDueAt, r.MissingMaterialsReceivedAt, r.RejectionReason, r.PointsToObserve,
                deficiencyNotices = deficiencies.Where(n => n.RegistrationId == r.Id).OrderBy(n => n.Sequence).Select(n => new
                {
                    n.Sequence, n.IssuedBy, n.IssuedAt, n.SentAt,
                    items = n.Items.Select(i => new { i.Material, i.Kind, i.Note }),
                }),
            })));

        var checklist = await db.MaterialChecklistItems.AsNoTracking().Where(i => i.Category == project.Category).OrderBy(i => i.SortOrder).ToListAsync(ct);
        if (registrations.Count > 0)
        {
            var handedIn = registrations.SelectMany(r => r.SubmittedMaterials).ToList();
            var missing = Core.Registrations.MaterialChecklistItem.MissingFrom(checklist, handedIn);
            files.Add(new ArchiveFile(ArchiveSection.Materials, ArchiveNames.MaterialChecklist, "登记材料清单", registrations[^1].LastSubmittedAt, Json("登记材料清单", new
            {
                category = project.Category,
                items = checklist.Select(i => new { i.Name, i.Required, missing = missing.Contains(i), i.Note }),
                handedIn,
                missing = missing.Select(i => i.Name),
            })));
        }

        // 场地预约与变更
        var bookings = await (from b in db.RoomBookings.AsNoTracking()
                              join room in db.Rooms.AsNoTracking() on b.RoomId equals room.Id
                              where b.ProjectCode == code
                              orderby b.StartsAt
                              select new { b, RoomCode = room.Code, RoomName = room.Name }).ToListAsync(ct);
        var bookingIds = bookings.Select(x => x.b.Id).ToList();
        var changes = await db.BookingChanges.AsNoTracking().Where(c => bookingIds.Contains(c.BookingId)).OrderBy(c => c.At).ToListAsync(ct);
        var venue = await db.VenueRequests.AsNoTracking().Where(v => v.ProjectCode == code).OrderBy(v => v.ReceivedAt).ToListAsync(ct);
        if (bookings.Count > 0 || venue.Count > 0)
            files.Add(new ArchiveFile(ArchiveSection.Bookings, ArchiveNames.Bookings, "场地预约与变更",
                bookings.Select(x => x.b.RequestedAt).Concat(venue.Select(v => v.ReceivedAt)).Min(), Json("场地预约、变更与场地申请", new
                {
                    bookings = bookings.Select(x => new
                    {
                        id = x.b.Id.ToString(), room = x.RoomCode, roomName = x.RoomName, x.b.Purpose,
                        sessionKind = WitnessChecklist.KindOf(x.b.Purpose, project.Method),
                        x.b.Attendees, x.b.StartsAt, x.b.EndsAt, x.b.Status, x.b.StatusReason, x.b.BookedBy, x.b.RequestedAt,
                        x.b.Phase, x.b.CheckedInAt, x.b.StartedAt, x.b.SuspendedAt, x.b.SuspendReason, x.b.EndedAt, x.b.ClosedAt,
                        x.b.Agency, x.b.ContactName, contactPhone = x.b.ContactPhone is { } p ? ProtectedIdentity.MaskPhone(p) : null,
                        contactEmail = x.b.ContactEmail is { } m ? Core.Notifications.NotificationAddress.Mask(Core.Notifications.NotificationChannel.Email, m) : null,
                    }),
                    changes = changes.Select(c => new
                    {
                        bookingId = c.BookingId.ToString(), c.Kind, c.FromStartsAt, c.FromEndsAt, c.StartsAt, c.EndsAt, c.Reason, c.By, c.At,
                    }),
                    venueRequests = venue.Select(v => new
                    {
                        v.Kind, v.Source, v.Status, v.Purpose, v.WantedStart, v.WantedEnd, v.Details, v.ReceivedBy, v.ReceivedAt, v.DueAt,
                        v.Answer, v.AnsweredAt, v.AnsweredBy, v.ContactName, contactPhone = v.ContactPhone is { } p ? ProtectedIdentity.MaskPhone(p) : null,
                    }),
                })));

        // 告知与通知：the project's bookings' messages and its incidents' notices
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.ProjectCode == code).OrderBy(i => i.OpenedAt).ToListAsync(ct);
        var incidentIds = incidents.Select(i => i.Id).ToList();
        var ticks = await db.IncidentTicks.AsNoTracking().Where(t => incidentIds.Contains(t.IncidentId)).OrderBy(t => t.TickedAt).ToListAsync(ct);
        var notices = await db.IncidentNotices.AsNoTracking().Where(n => incidentIds.Contains(n.IncidentId)).ToListAsync(ct);
        var noticeIds = notices.Select(n => n.MessageId).ToList();
        var messages = await db.OutboxMessages.AsNoTracking()
            .Where(m => (m.BookingId != null && bookingIds.Contains(m.BookingId.Value)) || noticeIds.Contains(m.Id))
            .ToListAsync(ct);
        messages = messages.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToList();
        if (messages.Count > 0)
            files.Add(new ArchiveFile(ArchiveSection.Notices, ArchiveNames.Notices, "告知与通知", messages[0].CreatedAt, Json("已发出的告知与通知", new
            {
                messages = messages.Select(m => new
                {
                    m.Kind, m.Channel, m.Recipient, address = Core.Notifications.NotificationAddress.Mask(m.Channel, m.Address), m.Subject, m.Body,
                    m.CreatedAt, m.State, m.SentAt, incident = notices.FirstOrDefault(n => n.MessageId == m.Id) is { } n ? incidents.First(i => i.Id == n.IncidentId).Number : null,
                }),
            })));

        // 见证记录 + 链校验
        var entries = await WitnessLog.ChainAsync(db, key, ct);
        if (entries.Count > 0)
        {
            files.Add(new ArchiveFile(ArchiveSection.WitnessLog, ArchiveNames.WitnessLog, "见证记录", entries[0].RecordedAt, Json("见证记录（哈希链）", new
            {
                chainKey = key,
                entries = entries.Select(e => new
                {
                    e.Sequence, e.Kind, e.Code, e.Text, e.Data, e.OccurredAt, e.RecordedAt, e.Actor, bookingId = e.BookingId?.ToString(),
                    correctsId = e.CorrectsId?.ToString(), e.FlagReason, e.PreviousHash, e.Hash,
                }),
            })));
            var report = WitnessAnchorService.Verify(key, entries, anchors.ReadAnchors());
            var v = report.Verdict;
            files.Add(new ArchiveFile(ArchiveSection.ChainVerification, ArchiveNames.ChainVerification, "见证链校验", entries[^1].RecordedAt, Json("见证链校验结果", new
            {
                chainKey = key, v.Entries, v.HeadHash, intact = v.Intact, v.Break, v.FirstBadSequence, detail = v.Detail,
                verdict = v.Intact ? "见证链完整：每条记录的哈希与内容相符、前后衔接" : $"见证链校验未通过：{v.Detail}",
                anchors = report.Anchors.Select(a => new { a.Day, listed = a.Head is not null, anchoredSequence = a.Head?.Sequence, anchoredHash = a.Head?.Hash, a.Matches, a.Detail }),
            })));
        }

        // 异常事件
        foreach (var i in incidents)
            files.Add(new ArchiveFile(ArchiveSection.Incidents, ArchiveNames.Incident(i.Number), $"异常事件 {i.Number}", i.OpenedAt, Json("异常事件", new
            {
                i.Number, i.Category, i.Scope, bookingId = i.BookingId?.ToString(), i.Description, i.OpenedBy, i.OpenedAt, i.State,
                i.SuspendedAt, i.SuspendedBy, i.SuspendReason, i.ResumedAt, i.ResumedBy, i.ResumeNote, i.TerminatedAt, i.TerminatedBy,
                i.TerminationReason, i.ClosedAt, i.ClosedBy, i.ClosingNote, i.ReportDueAt, i.ReportedAt, i.ReportedBy, i.ReportChannel,
                i.ReportReference, i.FeedbackAt, i.FeedbackRecordedBy, i.Feedback,
                ticks = ticks.Where(t => t.IncidentId == i.Id).Select(t => new { t.ItemCode, t.TickedBy, t.TickedAt }),
            })));

        // 专家抽取记录：expert codes only; the candidate list is sealed
        var draws = await db.DrawRequests.AsNoTracking().Where(d => d.ProjectCode == code).OrderBy(d => d.StartsAt).ToListAsync(ct);
        var drawIds = draws.Select(d => d.Id).ToList();
        var rounds = await db.DrawRounds.AsNoTracking().Where(r => drawIds.Contains(r.RequestId)).OrderBy(r => r.At).ToListAsync(ct);
        var members = await db.CommitteeMembers.AsNoTracking().Where(m => drawIds.Contains(m.RequestId)).OrderBy(m => m.Order).ToListAsync(ct);
        foreach (var d in draws)
            files.Add(new ArchiveFile(ArchiveSection.Draws, ArchiveNames.Draw(d.StartsAt, d.Id), $"专家抽取记录 {CenterTime.ToLocal(d.StartsAt):yyyy-MM-dd HH:mm}",
                d.DrawnAt ?? d.RequestedAt, Json("专家抽取记录", new
                {
                    sealedNote = "候选专家名单与专家姓名密封保存在评标专家台账中，不进入档案；各轮候选名单的 SHA-256 与见证记录所载一致，可凭授权向台账核对。",
                    d.Source, d.Status, bookingId = d.BookingId.ToString(), d.StartsAt, d.EndsAt, d.RecentServiceDays, d.Remote, d.RemotePartner,
                    d.RemoteSeats, d.RequestedBy, d.RequestedAt, d.OperatorName, d.OperatorAt, d.ConfirmedBy, d.ConfirmedAt, d.DrawnAt,
                    rounds = rounds.Where(r => r.RequestId == d.Id).Select(r => new
                    {
                        r.Kind, r.SpecialtyCode, r.Wanted, r.Reason, r.OperatorName, r.ConfirmedBy, r.At, r.CandidateCount,
                        candidatesSealed = true, candidatesSha256 = r.CandidatesHash, random = Raw(r.RandomJson), picks = Raw(r.PicksJson),
                    }),
                    members = members.Where(m => m.RequestId == d.Id).Select(m => new
                    {
                        m.Order, m.Kind, m.ExpertCode, m.SpecialtyCode, m.Outcome, m.OutcomeAt, m.OutcomeBy, replaced = m.ReplacedById is not null,
                    }),
                }), Sealed: true));

        // 异议与投诉
        var cases = await db.Cases.AsNoTracking().Where(c => c.ProjectCode == code).OrderBy(c => c.ReceivedAt).ToListAsync(ct);
        var caseIds = cases.Select(c => c.Id).ToList();
        var caseEvents = await db.CaseEvents.AsNoTracking().Where(e => caseIds.Contains(e.CaseId)).OrderBy(e => e.At).ToListAsync(ct);
        foreach (var c in cases)
            files.Add(new ArchiveFile(ArchiveSection.Cases, ArchiveNames.Case(c.Number), $"{CaseRules.KindName(c.Kind)} {c.Number}", c.ReceivedAt, Json("异议投诉案件", new
            {
                @case = new
                {
                    c.Number, c.Kind, c.Channel, c.Stage, c.Subject, c.Details, c.State,
                    c.RaisedByName, c.RaisedByOrganisation,
                    raisedByPhone = c.RaisedByPhone is { } p ? ProtectedIdentity.MaskPhone(p) : null,
                    raisedByEmail = c.RaisedByEmail is { } m ? Core.Notifications.NotificationAddress.Mask(Core.Notifications.NotificationChannel.Email, m) : null,
                    c.AttachmentReferences, c.ReceivedBy, c.ReceivedAt, c.Handler, c.ForwardDueAt, c.PresetKey, c.PresetName, c.PresetSource,
                    c.Route, c.Awaiting, c.ForwardedTo, c.ForwardChannel, c.ForwardReference, c.ForwardedAt, c.ForwardedBy, c.ResponseDueAt,
                    c.AnsweredAt, c.AnsweredBy, c.Answer, c.ResolvedAt, c.ResolvedBy, c.Resolution, c.WithdrawnAt, c.WithdrawReason,
                    c.RequiresSuspension, incidentId = c.IncidentId?.ToString(), c.SuspendedAt, c.ResumedAt,
                },
                timeline = caseEvents.Where(e => e.CaseId == c.Id).Select(e => new { e.Code, e.Text, e.By, e.At }),
            })));

        // 见证书
        var certificates = await db.WitnessCertificates.AsNoTracking().Where(x => x.ProjectCode == code || x.ChainKey == key).OrderBy(x => x.IssuedAt).ToListAsync(ct);
        foreach (var x in certificates)
            files.Add(new ArchiveFile(ArchiveSection.Certificates, ArchiveNames.Certificate(x.Number), $"见证书 {x.Number}", x.IssuedAt, Json("见证书", new
            {
                x.Number, x.ProjectName, x.Category, x.Initiator, x.Agency, sessions = Raw(x.SessionsJson), x.IssuedAt, x.IssuedBy,
                x.HeadSequence, x.HeadHash, x.RevokedAt, x.RevokedBy, x.RevokeReason,
            })));

        // 服务评价
        var ratings = await db.SatisfactionRatings.AsNoTracking().Where(r => r.BookingId != null && bookingIds.Contains(r.BookingId.Value)).OrderBy(r => r.At).ToListAsync(ct);
        var ratingIds = ratings.Select(r => r.Id).ToList();
        var followUps = await db.RatingFollowUps.AsNoTracking().Where(f => ratingIds.Contains(f.RatingId)).OrderBy(f => f.OpenedAt).ToListAsync(ct);
        if (ratings.Count > 0)
            files.Add(new ArchiveFile(ArchiveSection.Ratings, ArchiveNames.Ratings, "服务评价", ratings[0].At, Json("服务评价与回访", new
            {
                ratings = ratings.Select(r => new
                {
                    id = r.Id.ToString(), r.Service, bookingId = r.BookingId?.ToString(), r.Level, r.Reasons, r.Comment, r.Channel, r.At,
                }),
                followUps = followUps.Select(f => new
                {
                    ratingId = f.RatingId.ToString(), f.OpenedAt, f.ContactDueAt, f.ResolveDueAt, f.ContactedAt, f.ContactNote, f.ClosedAt, f.Resolution, f.ClosedBy,
                }),
            })));

        return files.OrderBy(f => f.Section).ThenBy(f => f.Name, StringComparer.Ordinal).ToList();
    }

    private static System.Text.Json.JsonElement? Raw(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try { using var doc = System.Text.Json.JsonDocument.Parse(json); return doc.RootElement.Clone(); }
        catch (System.Text.Json.JsonException) { return null; }
    }
}
