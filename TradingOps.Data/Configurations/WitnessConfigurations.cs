using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingOps.Core.Witness;

namespace TradingOps.Data.Configurations;

internal sealed class WitnessEntryConfiguration : IEntityTypeConfiguration<WitnessEntry>
{
    public void Configure(EntityTypeBuilder<WitnessEntry> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.ToTable(t => t.HasTrigger(Witness.WitnessLogGuard.TriggerName)); // the database refuses UPDATE/DELETE (WitnessLogGuard)
        b.Property(x => x.ChainKey).HasMaxLength(WitnessEntry.ChainKeyMaxLength);
        b.Property(x => x.ProjectCode).HasMaxLength(WitnessEntry.ChainKeyMaxLength);
        b.Property(x => x.Code).HasMaxLength(WitnessEntry.CodeMaxLength);
        b.Property(x => x.Text).HasMaxLength(WitnessEntry.TextMaxLength);
        b.Property(x => x.Data).HasMaxLength(WitnessEntry.DataMaxLength);
        b.Property(x => x.Actor).HasMaxLength(WitnessEntry.ActorMaxLength);
        b.Property(x => x.FlagReason).HasMaxLength(WitnessEntry.FlagMaxLength);
        b.Property(x => x.PreviousHash).HasMaxLength(WitnessEntry.HashLength).IsFixedLength();
        b.Property(x => x.Hash).HasMaxLength(WitnessEntry.HashLength).IsFixedLength();
        b.Ignore(x => x.Flagged);
        // One entry per place in a chain: two appends racing for the same place cannot both land.
        b.HasIndex(x => new { x.ChainKey, x.Sequence }).IsUnique();
        b.HasIndex(x => new { x.BookingId, x.Sequence });
        b.HasIndex(x => x.RecordedAt);
    }
}

internal sealed class WitnessChainHeadConfiguration : IEntityTypeConfiguration<WitnessChainHead>
{
    public void Configure(EntityTypeBuilder<WitnessChainHead> b)
    {
        b.HasKey(x => x.ChainKey);
        b.Property(x => x.ChainKey).HasMaxLength(WitnessEntry.ChainKeyMaxLength);
        b.Property(x => x.Hash).HasMaxLength(WitnessEntry.HashLength).IsFixedLength();
    }
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ProjectCode).HasMaxLength(WitnessEntry.ChainKeyMaxLength);
        b.Property(x => x.Description).HasMaxLength(Incident.TextMaxLength);
        b.Property(x => x.OpenedBy).HasMaxLength(WitnessEntry.ActorMaxLength);
        b.Ignore(x => x.IsOpen);
        b.HasIndex(x => new { x.ProjectCode, x.State });
        b.HasIndex(x => x.BookingId);
        IncidentHandlingConfiguration.Configure(b);
    }
}
