using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Core.Registrations;
using TradingOps.Core.Venue;

namespace TradingOps.Data.Configurations;

internal sealed class VenueRequestConfiguration : IEntityTypeConfiguration<VenueRequest>
{
    public void Configure(EntityTypeBuilder<VenueRequest> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ProjectCode).HasMaxLength(40);
        b.Property(x => x.ProjectName).HasMaxLength(VenueRequest.TextMaxLength);
        b.Property(x => x.Agency).HasMaxLength(100);
        b.Property(x => x.ContactName).HasMaxLength(50);
        b.Property(x => x.ContactPhone).HasMaxLength(30);
        b.Property(x => x.Details).HasMaxLength(VenueRequest.DetailsMaxLength);
        b.Property(x => x.ReceivedBy).HasMaxLength(100);
        b.Property(x => x.Answer).HasMaxLength(VenueRequest.TextMaxLength);
        b.Property(x => x.AnsweredBy).HasMaxLength(100);
        b.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Registration>().WithMany().HasForeignKey(x => x.RegistrationId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(x => x.Deadline);
        b.Ignore(x => x.IsOpen);
        // The queue reads the open requests by due time; the registration hooks find a registration's open request.
        b.HasIndex(x => new { x.Status, x.DueAt });
        b.HasIndex(x => x.RegistrationId);
        b.HasIndex(x => x.BookingId);
    }
}
