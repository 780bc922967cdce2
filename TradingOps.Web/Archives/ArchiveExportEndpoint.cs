using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Archives;
using TradingOps.Core.Auditing;
using TradingOps.Data;
using TradingOps.Data.Archives;
using TradingOps.Web.Identity;

namespace TradingOps.Web.Archives;

public static class ArchiveExportEndpoint
{
    /// <summary>
    /// GET /archives/{code}/export: the archive as a ZIP (<see cref="ArchiveExport"/>) for whoever may open the archive
    /// pages. An open archive exports as assembled now; a locked one only under the reader's own approved, unexpired
    /// download request (<see cref="ArchiveAccess.MayAsync"/>; 403 otherwise); a destroyed one is gone (410). Every
    /// export is written to the audit trail (<see cref="ArchiveAccess.Record"/>, "export").
    /// </summary>
    public static void MapArchiveExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/archives/{code}/export", async (string code, IDbContextFactory<TradingOpsDbContext> factory,
            IArchiveContents reader, ICurrentActor actor, TimeProvider clock, CancellationToken ct) =>
        {
            var key = (code ?? "").Trim().ToUpperInvariant();
            var who = await actor.GetAsync(ct);
            var now = clock.GetUtcNow();
            await using var db = await factory.CreateDbContextAsync(ct);
            var (_, archive, record) = await ArchiveAccess.FindAsync(db, code, now, ct);
            if (archive?.State == ArchiveState.Destroyed)
                return Results.Problem(title: $"项目 {archive.ProjectCode} 的档案已于 {Fmt.Minute(archive.DestroyedAt)} 经批准销毁，不能导出",
                    statusCode: StatusCodes.Status410Gone);
            var contents = await reader.ReadAsync(key, ct);
            if (contents is null)
                return Results.Problem(title: $"项目 {key} 没有档案", statusCode: StatusCodes.Status404NotFound);
            record ??= new ProjectArchive(contents.ProjectCode, null, contents.ProjectName, contents.Category, "—", now);
            if (!await ArchiveAccess.MayAsync(db, record, who, ArchiveAccessScope.Download, now, ct))
                return Results.Problem(title: "该档案已归档锁定：导出须先提交查阅并下载申请，并经申请人以外的另一人批准（在有效期内）",
                    statusCode: StatusCodes.Status403Forbidden);

            var buffer = new MemoryStream();
            ArchiveExport.Write(contents, buffer, who.Name, now);
            ArchiveAccess.Record(db, who, record, "export", now);
            await db.SaveChangesAsync(ct);
            buffer.Position = 0;
            return Results.File(buffer, ArchiveExport.ZipType, ArchiveExport.FileName(contents.ProjectCode, now));
        }).RequireAuthorization(p => p.RequireRole(RoleSets.ArchiveReaders.Split(',')));
}
