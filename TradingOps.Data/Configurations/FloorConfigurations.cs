using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Core.Projects;

namespace TradingOps.Data.Configurations;

internal sealed class RoomBookingConfiguration : IEntityTypeConfiguration<RoomBooking>
{
    public void Configure(EntityTypeBuilder<RoomBooking> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ProjectCode).HasMaxLength(40);
        b.Property(x => x.ProjectName).HasMaxLength(RoomBooking.TextMaxLength);
        b.Property(x => x.Agency).HasMaxLength(100);
        b.Property(x => x.BookedBy).HasMaxLength(100);
        b.Property(x => x.StatusReason).HasMaxLength(RoomBooking.ReasonMaxLength);
        b.Property(x => x.SuspendReason).HasMaxLength(RoomBooking.ReasonMaxLength);
        b.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<TradingProject>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.RoomId, x.StartsAt });
        b.HasIndex(x => x.StartsAt);
        b.Ignore(x => x.Label);
        b.Ignore(x => x.OccupiedFrom);
        b.Ignore(x => x.OccupiedUntil);
        b.Ignore(x => x.HoldsRoom);
    }
}
