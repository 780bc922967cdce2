using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingOps.Core.Witness;

namespace TradingOps.Data.Configurations;

internal sealed class WitnessAnchorConfiguration : IEntityTypeConfiguration<WitnessAnchor>
{
    public void Configure(EntityTypeBuilder<WitnessAnchor> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Digest).HasMaxLength(WitnessEntry.HashLength).IsFixedLength();
        b.Property(x => x.FileName).HasMaxLength(WitnessAnchor.FileNameMaxLength);
        // One anchor per day: a rerun finds it and leaves it, never a second one.
        b.HasIndex(x => x.Day).IsUnique();
    }
}
