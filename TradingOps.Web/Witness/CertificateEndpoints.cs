using TradingOps.Data.Witness;
using TradingOps.Web.Identity;

namespace TradingOps.Web.Witness;

public static class CertificateEndpoints
{
    public const string PdfType = "application/pdf";

    /// <summary>
    /// GET /witness/certificates/{id}/pdf: the certificate as it stands (the same number on every print), for whoever may
    /// read witnessing records (operators and the supervising departments); each download audited.
    /// </summary>
    public static void MapCertificateEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/witness/certificates/{id:guid}/pdf", async (Guid id, CertificateService certificates, CancellationToken ct) =>
        {
            var certificate = await certificates.FindAsync(id, ct);
            if (certificate is null) return Results.NotFound();
            var pdf = CertificatePdf.Build(certificate, await certificates.CenterNameAsync(ct), certificates.VerifyUrl(certificate.Number),
                certificates.RatingUrl);
            var file = CertificatePdf.FileName(certificate);
            await certificates.RecordDownloadAsync(certificate, file, ct);
            return Results.File(pdf, PdfType, file);
        }).RequireAuthorization(p => p.RequireRole(RoleSets.WitnessReaders.Split(',')));
}
