using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingOps.Core.Witness;

namespace TradingOps.Data.Configurations;

internal sealed class MisconductRecordConfiguration : IEntityTypeConfiguration<MisconductRecord>
{
    public void Configure(EntityTypeBuilder<MisconductRecord> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ProjectCode).HasMaxLength(WitnessEntry.ChainKeyMaxLength);
        b.Property(x => x.PartyName).HasMaxLength(MisconductRecord.PartyNameMaxLength);
        b.Property(x => x.ExpertCode).HasMaxLength(20);
        b.Property(x => x.Description).HasMaxLength(MisconductRecord.DescriptionMaxLength);
        b.Property(x => x.Evidence).HasMaxLength(MisconductRecord.EvidenceMaxLength);
        b.Property(x => x.RecordedBy).HasMaxLength(WitnessEntry.ActorMaxLength);
        b.Property(x => x.ReportedBy).HasMaxLength(WitnessEntry.ActorMaxLength);
        b.Property(x => x.ReportReference).HasMaxLength(MisconductRecord.ReferenceMaxLength);
        b.Property(x => x.Feedback).HasMaxLength(MisconductRecord.FeedbackMaxLength);
        b.Property(x => x.FeedbackBy).HasMaxLength(WitnessEntry.ActorMaxLength);
        b.Property(x => x.ClosedBy).HasMaxLength(WitnessEntry.ActorMaxLength);
        // Two people reporting (or answering) the same record at once: the second save finds the state moved and fails.
        b.Property(x => x.State).IsConcurrencyToken();
        b.Ignore(x => x.PartyLabel);
        b.Ignore(x => x.Deadline);
        b.Ignore(x => x.EvidenceItems);
        b.HasIndex(x => x.FoundAt);
        b.HasIndex(x => new { x.State, x.DueAt });
        b.HasIndex(x => x.ProjectCode);
    }
}
