using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Witness;

namespace TradingOps.Data.Witness;

/// <summary>A certificate in the list.</summary>
public sealed record CertificateRow(Guid Id, string Number, string ProjectCode, string ProjectName, DateTimeOffset IssuedAt, string IssuedBy,
    int PrintCount, DateTimeOffset? LastPrintedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// 见证书: issue (refused with every reason at once, nothing saved), reprint (same number), revoke (overseers, with a
/// reason), and the public check by number. Each change writes its witness entry in its own transaction.
/// </summary>
public sealed class CertificateService(IDbContextFactory<TradingOpsDbContext> factory, ICurrentActor actor, TimeProvider clock,
    IOptions<WitnessOptions> options)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<IReadOnlyList<CertificateRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.WitnessCertificates.AsNoTracking().OrderByDescending(c => c.Year).ThenByDescending(c => c.Serial)
            .Select(c => new CertificateRow(c.Id, c.Number, c.ProjectCode, c.ProjectName, c.IssuedAt, c.IssuedBy, c.PrintCount, c.LastPrintedAt, c.RevokedAt))
            .ToListAsync(ct);
    }

    public async Task<WitnessCertificate?> FindAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.WitnessCertificates.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
    }

    /// <summary>Why the project's certificate cannot be issued now (empty: it can); what the page shows before issuing.</summary>
    public async Task<IReadOnlyList<string>> RefusalsAsync(string projectCode, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var facts = await FactsAsync(db, projectCode, ct);
        return CertificateRules.Refusals(facts.SessionFacts, facts.OpenIncidents, facts.Verdict, facts.Active);
    }

    /// <summary>
    /// Issues the project's certificate: refused (every reason, nothing saved) while a session has not ended, an incident
    /// is open, the chain does not verify or is empty, or a certificate is in force. States the chain's head, numbers it
    /// (next of the year), makes the sessions' rating links that are missing, and appends the issue to the log.
    /// </summary>
    public async Task<WitnessCertificate> IssueAsync(string projectCode, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        if (string.IsNullOrWhiteSpace(projectCode)) throw new DomainException("Certificate.ProjectRequired", "请输入项目编号");
        await using var db = await factory.CreateDbContextAsync(ct);
        await WitnessActors.EnsureMayRecordAsync(db, who, ct);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WitnessLedger.InTransactionAsync(db, () => IssueInTransactionAsync(db, projectCode, who, ct), ct);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another desk took the year's next number (or issued this project's certificate) at the same moment:
                // read again; the second time the refusal says which certificate is in force.
            }
        }
    }

    private async Task<WitnessCertificate> IssueInTransactionAsync(TradingOpsDbContext db, string projectCode, Actor who, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var facts = await FactsAsync(db, projectCode, ct);
        CertificateRules.EnsureMayIssue(facts.SessionFacts, facts.OpenIncidents, facts.Verdict, facts.Active);
        var key = WitnessChain.KeyOf(projectCode);
        var project = await db.TradingProjects.AsNoTracking().Where(p => p.Code.ToUpper() == key).FirstOrDefaultAsync(ct);
        var held = facts.Bookings.Where(b => CertificateRules.IsSession(b.Status)).OrderBy(b => b.StartsAt).ToList();
        var heldIds = held.Select(b => b.Id).ToList();
        var invites = await db.SessionRatingInvites.Where(i => heldIds.Contains(i.BookingId)).ToDictionaryAsync(i => i.BookingId, ct);
        var rooms = await db.Rooms.AsNoTracking().Where(r => held.Select(b => b.RoomId).Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var sessions = new List<CertificateSession>();
        foreach (var b in held)
        {
            if (!invites.TryGetValue(b.Id, out var invite))
            {
                // Sessions that ended before rating links existed get theirs now (printed on the certificate; no message).
                invite = new SessionRatingInvite(b, now);
                db.SessionRatingInvites.Add(invite);
            }
            var entries = facts.Chain.Where(e => e.BookingId == b.Id).ToList();
            sessions.Add(new CertificateSession(b.Id, rooms.GetValueOrDefault(b.RoomId, "?"), CertificateRules.KindName(b.Purpose),
                b.StartsAt, b.EndsAt, b.StartedAt, b.EndedAt, CertificateRules.KeyTimes(b.Purpose, entries), CertificateRules.Witnesses(entries), invite.Token));
        }
        var year = CenterTime.ToLocal(now).Year;
        var last = await db.WitnessCertificates.Where(c => c.Year == year).MaxAsync(c => (int?)c.Serial, ct) ?? 0;
        var first = held[0];
        var certificate = new WitnessCertificate(CertificateNumber.Next(year, last), facts.Chain[0].ProjectCode, project?.Id ?? first.ProjectId,
            project?.Name ?? first.ProjectName, project is null ? "—" : CertificateRules.CategoryName(project.Category),
            project?.Initiator, project?.Agency ?? first.Agency, sessions, facts.Verdict.Entries, facts.Verdict.HeadHash, who.Name, now);
        db.WitnessCertificates.Add(certificate);
        await WitnessLog.AppendAsync(db, Draft(certificate, WitnessCodes.CertificateIssued, $"出具见证书 {certificate.Number}（见证记录第 1–{certificate.HeadSequence} 条）", who, now), now, ct);
        return certificate;
    }

    /// <summary>A reprint: the same number, one more print, written to the log. Refused for a revoked certificate.</summary>
    public Task<WitnessCertificate> ReprintAsync(Guid id, CancellationToken ct = default) =>
        ChangeAsync(id, (c, who, now) =>
        {
            c.Printed(now);
            return Draft(c, WitnessCodes.CertificateReprinted, $"重新打印见证书 {c.Number}（第 {c.PrintCount} 次打印，编号不变）", who, now);
        }, overseer: false, ct);

    /// <summary>Revokes a certificate (a duty manager, supervisor or admin, with a reason); the public check then says so.</summary>
    public Task<WitnessCertificate> RevokeAsync(Guid id, string reason, CancellationToken ct = default) =>
        ChangeAsync(id, (c, who, now) =>
        {
            c.Revoke(reason, who.Name, now);
            return Draft(c, WitnessCodes.CertificateRevoked, $"撤销见证书 {c.Number}：{c.RevokeReason}", who, now);
        }, overseer: true, ct);

    private async Task<WitnessCertificate> ChangeAsync(Guid id, Func<WitnessCertificate, Actor, DateTimeOffset, WitnessDraft> change, bool overseer, CancellationToken ct)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        await WitnessActors.EnsureMayRecordAsync(db, who, ct);
        if (overseer && !await WitnessActors.IsOverseerAsync(db, who, ct))
            throw new DomainException("Certificate.OverseerOnly", "只有值班经理、科室负责人或管理员可以撤销见证书");
        return await WitnessLedger.InTransactionAsync(db, async () =>
        {
            var now = clock.GetUtcNow();
            var certificate = await db.WitnessCertificates.SingleOrDefaultAsync(c => c.Id == id, ct)
                              ?? throw new DomainException("Certificate.NotFound", "见证书不存在");
            await WitnessLog.AppendAsync(db, change(certificate, who, now), now, ct);
            return certificate;
        }, ct);
    }

    /// <summary>
    /// The public check of a number (the verify page): a malformed number is refused without a lookup; otherwise the
    /// certificate's public face (<see cref="CertificateProjection"/>) against its chain recomputed up to its head.
    /// </summary>
    public async Task<PublicCertificate> CheckAsync(string? number, CancellationToken ct = default)
    {
        if (!CertificateNumber.TryParse(number, out var parsed)) return CertificateProjection.Malformed();
        var text = parsed.ToString();
        await using var db = await factory.CreateDbContextAsync(ct);
        var certificate = await db.WitnessCertificates.AsNoTracking().SingleOrDefaultAsync(c => c.Number == text, ct);
        if (certificate is null) return CertificateProjection.NotFound(parsed);
        var chain = await db.WitnessEntries.AsNoTracking()
            .Where(e => e.ChainKey == certificate.ChainKey && e.Sequence <= certificate.HeadSequence)
            .OrderBy(e => e.Sequence).ToListAsync(ct);
        return CertificateProjection.Public(certificate, chain);
    }

    /// <summary>The center's name as its documents are signed.</summary>
    public async Task<string> CenterNameAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Floor.BookingOutbox.CenterNameAsync(db, ct);
    }

    /// <summary>A download of the certificate's PDF, audited (who took which certificate away, at which print).</summary>
    public async Task RecordDownloadAsync(WitnessCertificate certificate, string file, CancellationToken ct = default)
    {
        var who = await actor.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), who, nameof(WitnessCertificate), certificate.Id.ToString(), AuditAction.Exported,
            JsonSerializer.Serialize(new { number = certificate.Number, project = certificate.ProjectCode, prints = certificate.PrintCount, file }, Json)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The absolute address the certificate's QR code opens (on the configured public base address).</summary>
    public string VerifyUrl(string number) => options.Value.PublicUrl($"/verify/{number}");

    /// <summary>The absolute address of a session's rating page.</summary>
    public string RatingUrl(string token) => options.Value.PublicUrl(SessionRatingInvite.PathOf(token));

    private static WitnessDraft Draft(WitnessCertificate c, string code, string text, Actor who, DateTimeOffset now) =>
        new(c.ProjectCode, c.ProjectId, null, WitnessEntryKind.Certificate, code, text,
            JsonSerializer.Serialize(new { number = c.Number, headSequence = c.HeadSequence, headHash = c.HeadHash, prints = c.PrintCount }, Json),
            now, who.Name);

    private sealed record Facts(List<RoomBooking> Bookings, IReadOnlyList<CertificateSessionFact> SessionFacts, int OpenIncidents,
        List<WitnessEntry> Chain, ChainVerdict Verdict, string? Active);

    private static async Task<Facts> FactsAsync(TradingOpsDbContext db, string projectCode, CancellationToken ct)
    {
        var key = WitnessChain.KeyOf(projectCode);
        var bookings = await db.RoomBookings.AsNoTracking().Where(b => b.ProjectCode.ToUpper() == key).ToListAsync(ct);
        var roomIds = bookings.Select(b => b.RoomId).Distinct().ToList();
        var rooms = await db.Rooms.AsNoTracking().Where(r => roomIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var sessionFacts = bookings.Select(b => new CertificateSessionFact(
            $"{rooms.GetValueOrDefault(b.RoomId, "?")} {CenterTime.ToLocal(b.StartsAt):MM-dd HH:mm}", b.Status, b.Phase)).ToList();
        var open = Incident.OpenStates;
        var incidents = await db.Incidents.AsNoTracking().CountAsync(i => i.ProjectCode.ToUpper() == key && open.Contains(i.State), ct);
        var chain = await WitnessLog.ChainAsync(db, key, ct);
        var verdict = WitnessChain.Verify(key, chain);
        var active = await db.WitnessCertificates.AsNoTracking().Where(c => c.ChainKey == key && c.RevokedAt == null)
            .Select(c => c.Number).FirstOrDefaultAsync(ct);
        return new(bookings, sessionFacts, incidents, chain, verdict, active);
    }
}
