using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingOps.Core.Notifications;
using TradingOps.Core.Witness;

namespace TradingOps.Data.Configurations;

/// <summary>The incident's handling (issue 19 item 3): transitions, the department report, checklist ticks and the messages it sent.</summary>
internal static class IncidentHandlingConfiguration
{
    public static void Configure(EntityTypeBuilder<Incident> b)
    {
        foreach (var by in new[] { nameof(Incident.SuspendedBy), nameof(Incident.ResumedBy), nameof(Incident.TerminatedBy),
                     nameof(Incident.ClosedBy), nameof(Incident.ReportedBy), nameof(Incident.FeedbackRecordedBy) })
            b.Property<string?>(by).HasMaxLength(WitnessEntry.ActorMaxLength);
        foreach (var text in new[] { nameof(Incident.SuspendReason), nameof(Incident.ResumeNote), nameof(Incident.TerminationReason),
                     nameof(Incident.ClosingNote), nameof(Incident.Feedback) })
            b.Property<string?>(text).HasMaxLength(Incident.ReasonMaxLength);
        b.Property(x => x.ReportReference).HasMaxLength(Incident.ReferenceMaxLength);
        b.Ignore(x => x.Checklist);
        b.Ignore(x => x.HasSuspended);
        b.Ignore(x => x.IsReported);
        b.Ignore(x => x.Number);
        b.HasMany(x => x.Ticks).WithOne().HasForeignKey(t => t.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Ticks).HasField("_ticks").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(x => x.OpenedAt);
        b.HasIndex(x => x.ReportDueAt);
    }
}

internal sealed class IncidentTickConfiguration : IEntityTypeConfiguration<IncidentTick>
{
    public void Configure(EntityTypeBuilder<IncidentTick> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ItemCode).HasMaxLength(40);
        b.Property(x => x.TickedBy).HasMaxLength(WitnessEntry.ActorMaxLength);
        b.HasIndex(x => new { x.IncidentId, x.ItemCode }).IsUnique();
    }
}

internal sealed class IncidentNoticeConfiguration : IEntityTypeConfiguration<IncidentNotice>
{
    public void Configure(EntityTypeBuilder<IncidentNotice> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.HasOne<Incident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<OutboxMessage>().WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.IncidentId, x.MessageId }).IsUnique();
    }
}
