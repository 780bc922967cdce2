using TradingOps.Core.Common;

namespace TradingOps.Core.Projects;

/// <summary>
/// 项目结束: a project is closed once its transaction is over (every session done, the archive assembled). A closed
/// project takes no new suspension or case action, and its archive is locked (<see cref="Archives.ProjectArchive.Lock"/>).
/// </summary>
public sealed partial class TradingProject
{
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? ClosedBy { get; private set; }
    public bool IsClosed => ClosedAt is not null;

    public void Close(string by, DateTimeOffset at)
    {
        if (IsClosed) throw new DomainException("Project.Closed", $"项目 {Code} 已经结束");
        ClosedBy = Guard.Text(by, 100, "操作人");
        ClosedAt = at.ToUniversalTime();
    }

    /// <summary>Refuses <paramref name="what"/> on a closed project, with the reason.</summary>
    public void EnsureNotClosed(string what)
    {
        if (IsClosed)
            throw new DomainException("Project.Closed", $"项目 {Code} 已于 {CenterTime.ToLocal(ClosedAt!.Value):yyyy-MM-dd} 结束，不能{what}");
    }
}
