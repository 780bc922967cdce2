using System.Security.Cryptography;
using System.Text;
using TradingOps.Core.Common;
using TradingOps.Core.Projects;

namespace TradingOps.Core.Archives;

/// <summary>The sections of a project's archive (一项一档: national 6.6, Liaoning 6.9, Yunnan 5.6), in the order shown and exported.</summary>
public enum ArchiveSection
{
    Registration,      // 项目登记
    Materials,         // 登记材料与清单
    Notices,           // 告知与通知
    Bookings,          // 场地预约与变更
    WitnessLog,        // 见证记录
    ChainVerification, // 见证链校验
    Incidents,         // 异常事件
    Draws,             // 专家抽取记录
    Cases,             // 异议与投诉
    Certificates,      // 见证书
    Ratings,           // 服务评价
    Additions,         // 归档后追加
}

/// <summary>Open: assembled from the live records on every read. Locked: frozen when the project closed (additions appended). Destroyed: by an approved request only.</summary>
public enum ArchiveState { Open, Locked, Destroyed }

/// <summary>The one hash rule of archives: SHA-256 of the UTF-8 bytes, lower-case hex (the manifest, the lock and the stored documents use it).</summary>
public static class ArchiveHash
{
    public static string Of(string content) => Of(Encoding.UTF8.GetBytes(content));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

/// <summary>
/// One file of an archive as assembled or stored: its section, a file name (unique in the archive, e.g.
/// "05-witness-log.json"), a title, when it was made, its original record(s) as JSON, and whether part of it is sealed
/// (the sealed part — e.g. the draw's names — is never in the JSON; the file says where it is kept and its hash).
/// </summary>
public sealed record ArchiveFile(ArchiveSection Section, string Name, string Title, DateTimeOffset At, string ContentJson, bool Sealed = false, bool Appended = false)
{
    public string Sha256 { get; } = ArchiveHash.Of(ContentJson);
}

/// <summary>One line of the completeness checklist: what the category requires (Liaoning 6.9.2) and whether the archive has it.</summary>
public sealed record ArchiveCheck(string Code, string Text, bool Present, string? Missing = null);

/// <summary>
/// A project's archive as a reader sees it: the project, the files (assembled live while open, stored once locked, plus
/// appended additions), the completeness checklist. The archive page, the PDF summary, the Excel sheets and the ZIP export
/// all read this one shape.
/// </summary>
public sealed record ArchiveContents(string ProjectCode, string ProjectName, TradingCategory Category, ArchiveState State,
    DateTimeOffset? LockedAt, string? LockHash, DateOnly? RetainUntil, IReadOnlyList<ArchiveFile> Files, IReadOnlyList<ArchiveCheck> Checklist,
    DateTimeOffset AssembledAt)
{
    public bool Complete => Checklist.All(c => c.Present);
}

/// <summary>
/// 项目档案: the archive record of one project. Created when first needed (open, assembled live); locked when the project
/// closes — its files are then stored (<see cref="ArchiveDocument"/>) with <see cref="LockHash"/> over their hashes, and
/// anything later is appended, never changed. Kept until <see cref="RetainUntil"/>; destroyed only by an approved
/// <see cref="ArchiveDestructionRequest"/>, never automatically.
/// </summary>
public sealed class ProjectArchive : Entity
{
    public const int ActorMaxLength = 100;

    private ProjectArchive() { ProjectCode = ProjectName = Custodian = ""; }

    public ProjectArchive(string projectCode, Guid? projectId, string projectName, TradingCategory category, string custodian, DateTimeOffset createdAt)
    {
        ProjectCode = Guard.Text(projectCode, TradingProject.CodeMaxLength, "项目编号").ToUpperInvariant();
        ProjectId = projectId;
        ProjectName = Guard.Text(projectName, TradingProject.NameMaxLength, "项目名称");
        Category = category;
        Custodian = Guard.Text(custodian, ActorMaxLength, "档案管理人");
        CreatedAt = createdAt.ToUniversalTime();
    }

    public string ProjectCode { get; private set; }
    public Guid? ProjectId { get; private set; }
    public string ProjectName { get; private set; }
    public TradingCategory Category { get; private set; }

    /// <summary>专人 (national 6.6.2, Liaoning 6.9.4): the person who keeps it.</summary>
    public string Custodian { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public ArchiveState State { get; private set; } = ArchiveState.Open;
    public DateTimeOffset? LockedAt { get; private set; }
    public string? LockedBy { get; private set; }

    /// <summary>SHA-256 over the stored files' names and hashes at lock (<see cref="LockHashOf"/>): a changed stored file no longer matches.</summary>
    public string? LockHash { get; private set; }
    public DateOnly? RetainUntil { get; private set; }
    public DateTimeOffset? DestroyedAt { get; private set; }
    public string? DestroyedBy { get; private set; }

    public void ChangeCustodian(string custodian) => Custodian = Guard.Text(custodian, ActorMaxLength, "档案管理人");

    /// <summary>Locks the archive with the files stored at this moment; retention counts from the lock.</summary>
    public void Lock(IReadOnlyList<ArchiveFile> files, string by, DateTimeOffset at, int retentionYears)
    {
        if (State != ArchiveState.Open)
            throw new DomainException("Archive.NotOpen", $"项目 {ProjectCode} 的档案已经归档锁定");
        LockHash = LockHashOf(files);
        LockedBy = Guard.Text(by, ActorMaxLength, "归档人");
        LockedAt = at.ToUniversalTime();
        RetainUntil = DateOnly.FromDateTime(CenterTime.ToLocal(at).DateTime).AddYears(Guard.Range(retentionYears, 1, 100, "保管期限"));
        State = ArchiveState.Locked;
    }

    /// <summary>Destroys the archive's stored content (the record of the archive and of its destruction stay).</summary>
    public void MarkDestroyed(string by, DateTimeOffset at)
    {
        if (State != ArchiveState.Locked)
            throw new DomainException("Archive.NotLocked", "只有已归档锁定的档案才能销毁");
        if (RetainUntil is { } until && DateOnly.FromDateTime(CenterTime.ToLocal(at).DateTime) < until)
            throw new DomainException("Archive.Retained", $"档案保管期限至 {until:yyyy-MM-dd}，期满前不能销毁");
        DestroyedBy = Guard.Text(by, ActorMaxLength, "销毁人");
        DestroyedAt = at.ToUniversalTime();
        State = ArchiveState.Destroyed;
    }

    public static string LockHashOf(IEnumerable<ArchiveFile> files) =>
        ArchiveHash.Of(string.Join('\n', files.Where(f => !f.Appended).OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => $"{f.Name} {f.Sha256}")));
}

/// <summary>A stored file of a locked archive (or one appended after the lock). Append-only: never updated, deleted only by an approved destruction.</summary>
public sealed class ArchiveDocument : Entity
{
    private ArchiveDocument() { Name = Title = ContentJson = Sha256 = AddedBy = ""; }

    public ArchiveDocument(Guid archiveId, ArchiveFile file, string addedBy, DateTimeOffset addedAt)
    {
        ArchiveId = archiveId;
        Section = file.Section;
        Name = file.Name;
        Title = file.Title;
        At = file.At.ToUniversalTime();
        ContentJson = file.ContentJson;
        Sha256 = file.Sha256;
        Sealed = file.Sealed;
        Appended = file.Appended;
        AddedBy = addedBy;
        AddedAt = addedAt.ToUniversalTime();
    }

    public Guid ArchiveId { get; private set; }
    public ArchiveSection Section { get; private set; }
    public string Name { get; private set; }
    public string Title { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string ContentJson { get; private set; }
    public string Sha256 { get; private set; }
    public bool Sealed { get; private set; }
    public bool Appended { get; private set; }
    public string AddedBy { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }

    public ArchiveFile ToFile() => new(Section, Name, Title, At, ContentJson, Sealed, Appended);
}
