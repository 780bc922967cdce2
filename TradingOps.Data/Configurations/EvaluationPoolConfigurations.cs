using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingOps.Core.Devices;
using TradingOps.Core.Evaluation;

namespace TradingOps.Data.Configurations;

internal sealed class DrawImportConfiguration : IEntityTypeConfiguration<DrawImport>
{
    public void Configure(EntityTypeBuilder<DrawImport> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ExternalRequestId).HasMaxLength(DrawImport.ExternalIdMaxLength);
        b.Property(x => x.ProvincialDrawNo).HasMaxLength(DrawImport.DrawNoMaxLength);
        b.HasOne<PairedDevice>().WithMany().HasForeignKey(x => x.DeviceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<DrawRequest>().WithMany().HasForeignKey(x => x.DrawRequestId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<DrawRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Restrict);
        // A terminal's request id is one import: a replayed call fails here, whichever node it reaches.
        b.HasIndex(x => new { x.DeviceId, x.ExternalRequestId }).IsUnique();
        b.HasIndex(x => x.BookingId);
    }
}
