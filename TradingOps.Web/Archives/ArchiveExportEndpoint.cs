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
        endpoints.MapGet("/archives/{code}/export", async (string code, HttpContext http, IDbContextFactory<TradingOpsDbContext> factory,
            ICurrentActor actor, TimeProvider clock, CancellationToken ct) =>
        {
            var key = (code ?? "").Trim().ToUpperInvariant();
            var who = await actor.GetAsync(ct);
            await using var db = await factory.CreateDbContextAsync(ct);
            var archive = await db.ProjectArchives.AsNoTracking().SingleOrDefaultAsync(a => a.ProjectCode == key, ct);
            if (archive?.State == ArchiveState.Destroyed)
                return Results.Problem(title: $"项目 {archive.ProjectCode} 的档案已于 {Fmt.Minute(archive.DestroyedAt)} 经批准销毁，不能导出",
                    statusCode: StatusCodes.Status410Gone);

            // The assembler (IArchiveContents) reads the archive; a host without one can say only that a stored archive cannot be read now.
            var reader = http.RequestServices.GetService<IArchiveContents>();
            var contents = reader is null ? null : await reader.ReadAsync(key, ct);
            if (contents is null)
                return reader is null && archive is not null
                    ? Results.Problem(title: "档案汇集服务未启用，暂时不能导出", statusCode: StatusCodes.Status503ServiceUnavailable)
                    : Results.Problem(title: $"项目 {key} 没有档案", statusCode: StatusCodes.Status404NotFound);
            if (contents.State == ArchiveState.Destroyed)
                return Results.Problem(title: $"项目 {contents.ProjectCode} 的档案已经销毁，不能导出", statusCode: StatusCodes.Status410Gone);

            var now = clock.GetUtcNow();
            if (contents.State == ArchiveState.Locked || archive?.State == ArchiveState.Locked)
            {
                if (archive is null || !await ArchiveAccess.MayAsync(db, archive, who, ArchiveAccessScope.Download, now, ct))
                    return Results.Problem(title: "该档案已归档锁定：导出须先提交查阅并下载申请，并经申请人以外的另一人批准（在有效期内）",
                        statusCode: StatusCodes.Status403Forbidden);
            }

            // An open archive may have no row yet (it is assembled live): the audit line names the project and its state all the same.
            var audited = archive ?? new ProjectArchive(contents.ProjectCode, null, contents.ProjectName, contents.Category, who.Name, now);
            var buffer = new MemoryStream();
            ArchiveExport.Write(contents, buffer, who.Name, now);
            ArchiveAccess.Record(db, who, audited, "export", now);
            await db.SaveChangesAsync(ct);
            buffer.Position = 0;
            return Results.File(buffer, ArchiveExport.ZipType, ArchiveExport.FileName(contents.ProjectCode, now));
        }).RequireAuthorization(p => p.RequireRole(RoleSets.ArchiveReaders.Split(',')));
}
