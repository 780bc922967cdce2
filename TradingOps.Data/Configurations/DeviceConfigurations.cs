using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingOps.Core.Devices;
using TradingOps.Core.Organisation;

namespace TradingOps.Data.Configurations;

internal sealed class PairedDeviceConfiguration : IEntityTypeConfiguration<PairedDevice>
{
    public void Configure(EntityTypeBuilder<PairedDevice> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(PairedDevice.NameMaxLength);
        b.Property(x => x.SecretHash).HasMaxLength(DeviceSecret.HashLength).IsFixedLength();
        b.Property(x => x.PairedBy).HasMaxLength(PairedDevice.ByMaxLength);
        b.Property(x => x.RevokedBy).HasMaxLength(PairedDevice.ByMaxLength);
        b.Ignore(x => x.IsActive);
        b.HasOne<ServiceWindow>().WithMany().HasForeignKey(x => x.WindowId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Restrict);
        // A device presents its secret; the hash finds it (unique: two devices never share a secret).
        b.HasIndex(x => x.SecretHash).IsUnique();
    }
}
