using System.Globalization;
using Microsoft.Extensions.Localization;
using TradingOps.Core.Witness;
using TradingOps.Data.Reports;
using TradingOps.Data.Witness;
using TradingOps.Web.Identity;

namespace TradingOps.Web.Witness;

/// <summary>
/// 见证日报 as a PDF (the lead's <see cref="WitnessPdf"/> kit): the sessions witnessed on the day and the day's anchor
/// digest, printed in full and as a QR code whose text is <see cref="WitnessAnchor.QrText"/> ("TOA1:{day}:{digest}"),
/// so a reader compares the printed digest with the signed file without the console.
/// </summary>
public static class WitnessDailyPdf
{
    public const string AuditKey = "WitnessDaily";

    public static byte[] Build(WitnessDailyReport report, DateTimeOffset generatedAt, IStringLocalizer<WitnessResource> w, IStringLocalizer<FloorResource> f)
    {
        var title = w["Pdf.Title"].Value;
        var document = WitnessPdf.NewDocument($"{title} {report.Day:yyyy-MM-dd}", "TradingOps");
        using (var page = new PdfPageWriter(document, $"{title} {report.Day:yyyy-MM-dd}"))
        {
            page.Title(title);
            page.Field(w["Daily.Day"], report.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            page.Field(w["Pdf.GeneratedAt"], Fmt.Full(generatedAt));
            page.Field(w["Pdf.Sessions"], report.Sessions.Count.ToString(CultureInfo.InvariantCulture));

            page.Heading(w["Pdf.SessionsHeading"]);
            if (report.Sessions.Count == 0) page.Paragraph(w["Daily.None"]);
            else
                page.Table(
                    [w["Daily.Time"], w["Daily.Room"], w["Daily.Project"], w["Daily.Witnesses"], w["Daily.Steps"], w["Daily.Entries"], w["Daily.Incidents"]],
                    [0.14, 0.14, 0.27, 0.15, 0.09, 0.08, 0.13],
                    report.Sessions.Select(s => (IReadOnlyList<string?>)
                    [
                        $"{Fmt.Time(s.StartsAt)}–{Fmt.Time(s.EndsAt)} {f[$"Purpose.{s.Purpose}"]}",
                        $"{s.RoomName}（{s.RoomCode}）",
                        $"{s.ProjectCode} {s.ProjectName}",
                        s.Witnesses.Count == 0 ? "—" : string.Join("、", s.Witnesses),
                        s.StepsTicked.ToString(CultureInfo.InvariantCulture),
                        s.Entries.ToString(CultureInfo.InvariantCulture),
                        s.Incidents.Count == 0 ? "—" : string.Join("、", s.Incidents.Select(c => w[$"Category.{c}"].Value)),
                    ]));

            page.Heading(w["Pdf.AnchorHeading"]);
            if (report.Digest is { } digest)
            {
                page.Field(w["Pdf.Digest"], digest);
                page.Field(w["Pdf.AnchorFile"], report.Anchor!.FileName);
                page.Field(w["Anchors.Chains"], report.Anchor.Chains.ToString(CultureInfo.InvariantCulture));
                page.Space(6);
                var qr = WitnessAnchor.QrText(report.Day, digest);
                page.Qr(qr, $"{w["Pdf.QrCaption"]}\n{qr}");
            }
            else if (report.AnchorFile is { Trusted: false } bad)
                page.Paragraph(w["Daily.AnchorUntrusted", bad.FileName, bad.Detail ?? ""], brush: PdfSharp.Drawing.XBrushes.DarkRed);
            else
                page.Paragraph(WitnessAnchorContent.EndOf(report.Day) > generatedAt ? w["Daily.NotEnded"] : w["Daily.NotAnchored"]);
        }
        return WitnessPdf.Save(document);
    }

    public static IEndpointRouteBuilder MapWitnessDailyPdf(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/witness/daily/{day}/pdf", async (string day, WitnessChainQueries queries, ReportDownloadAudit audit, TimeProvider clock,
            IStringLocalizer<WitnessResource> w, IStringLocalizer<FloorResource> f, CancellationToken ct) =>
        {
            if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return Results.Problem(title: "日期格式不正确：应为 yyyy-MM-dd，例如 2026-12-01", statusCode: StatusCodes.Status400BadRequest);
            var report = await queries.DailyAsync(date, ct);
            var bytes = Build(report, clock.GetUtcNow(), w, f);
            var file = $"见证日报_{date:yyyy-MM-dd}.pdf";
            await audit.RecordAsync(AuditKey, w["Pdf.Title"], date, date, file, report.Sessions.Count, ct);
            return Results.File(bytes, "application/pdf", file);
        }).RequireAuthorization(p => p.RequireRole(RoleSets.WitnessReaders.Split(',')));
        return endpoints;
    }
}
