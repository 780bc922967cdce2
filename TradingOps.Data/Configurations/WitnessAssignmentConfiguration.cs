using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingOps.Core.Witness;

namespace TradingOps.Data.Configurations;

internal sealed class WitnessAssignmentConfiguration : IEntityTypeConfiguration<WitnessAssignment>
{
    public void Configure(EntityTypeBuilder<WitnessAssignment> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        // One witness per session: two overseers assigning at once cannot both land.
        b.HasIndex(x => x.BookingId).IsUnique();
        b.HasOne<TradingOps.Core.Floor.RoomBooking>().WithMany().HasForeignKey(x => x.BookingId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.UserName).HasMaxLength(WitnessAssignment.NameMaxLength);
        b.Property(x => x.DisplayName).HasMaxLength(WitnessAssignment.NameMaxLength);
        b.Property(x => x.AssignedBy).HasMaxLength(WitnessAssignment.NameMaxLength);
        b.Property(x => x.Reason).HasMaxLength(WitnessAssignment.ReasonMaxLength);
        b.HasIndex(x => x.UserName);
    }
}
