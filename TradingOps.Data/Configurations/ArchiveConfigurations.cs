using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingOps.Core.Archives;
using TradingOps.Core.Projects;

namespace TradingOps.Data.Configurations;

internal sealed class ProjectArchiveConfiguration : IEntityTypeConfiguration<ProjectArchive>
{
    public void Configure(EntityTypeBuilder<ProjectArchive> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ProjectCode).HasMaxLength(TradingProject.CodeMaxLength);
        b.Property(x => x.ProjectName).HasMaxLength(TradingProject.NameMaxLength);
        b.Property(x => x.Custodian).HasMaxLength(ProjectArchive.ActorMaxLength);
        b.Property(x => x.LockedBy).HasMaxLength(ProjectArchive.ActorMaxLength);
        b.Property(x => x.DestroyedBy).HasMaxLength(ProjectArchive.ActorMaxLength);
        b.Property(x => x.LockHash).HasMaxLength(64).IsFixedLength();
        // Locking twice at once (two closes): the second save finds the state moved and fails.
        b.Property(x => x.State).IsConcurrencyToken();
        b.HasIndex(x => x.ProjectCode).IsUnique();
        b.HasIndex(x => x.State);
    }
}

internal sealed class ArchiveDocumentConfiguration : IEntityTypeConfiguration<ArchiveDocument>
{
    public void Configure(EntityTypeBuilder<ArchiveDocument> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(120);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(x => x.AddedBy).HasMaxLength(ProjectArchive.ActorMaxLength);
        b.HasOne<ProjectArchive>().WithMany().HasForeignKey(x => x.ArchiveId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.ArchiveId, x.Name }).IsUnique();
        b.ToTable(t => t.HasTrigger(Archives.ArchiveDocumentGuard.TriggerName)); // the database refuses UPDATE (ArchiveDocumentGuard)
    }
}

internal sealed class ArchiveAccessRequestConfiguration : IEntityTypeConfiguration<ArchiveAccessRequest>
{
    public void Configure(EntityTypeBuilder<ArchiveAccessRequest> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ProjectCode).HasMaxLength(TradingProject.CodeMaxLength);
        b.Property(x => x.Reason).HasMaxLength(ArchiveAccessRequest.ReasonMaxLength);
        b.Property(x => x.RequestedBy).HasMaxLength(ProjectArchive.ActorMaxLength);
        b.Property(x => x.DecidedBy).HasMaxLength(ProjectArchive.ActorMaxLength);
        b.Property(x => x.DecisionNote).HasMaxLength(ArchiveAccessRequest.ReasonMaxLength);
        b.Property(x => x.State).IsConcurrencyToken();
        b.HasOne<ProjectArchive>().WithMany().HasForeignKey(x => x.ArchiveId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.ArchiveId, x.RequestedBy });
        b.HasIndex(x => x.State);
    }
}

internal sealed class ArchiveDestructionRequestConfiguration : IEntityTypeConfiguration<ArchiveDestructionRequest>
{
    public void Configure(EntityTypeBuilder<ArchiveDestructionRequest> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ProjectCode).HasMaxLength(TradingProject.CodeMaxLength);
        b.Property(x => x.Reason).HasMaxLength(ArchiveAccessRequest.ReasonMaxLength);
        b.Property(x => x.RequestedBy).HasMaxLength(ProjectArchive.ActorMaxLength);
        b.Property(x => x.DecidedBy).HasMaxLength(ProjectArchive.ActorMaxLength);
        b.Property(x => x.DecisionNote).HasMaxLength(ArchiveAccessRequest.ReasonMaxLength);
        b.Property(x => x.DestroyedLockHash).HasMaxLength(64).IsFixedLength();
        b.Property(x => x.State).IsConcurrencyToken();
        b.HasOne<ProjectArchive>().WithMany().HasForeignKey(x => x.ArchiveId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.State);
    }
}
