using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingOps.Core.Floor;
using TradingOps.Core.Notifications;
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
        b.Property(x => x.ContactName).HasMaxLength(50);
        b.Property(x => x.ContactPhone).HasMaxLength(30);
        b.Property(x => x.ContactEmail).HasMaxLength(200);
        b.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<TradingProject>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.RoomId, x.StartsAt });
        b.HasIndex(x => x.StartsAt);
        b.Ignore(x => x.Label);
        b.Ignore(x => x.OccupiedFrom);
        b.Ignore(x => x.OccupiedUntil);
        b.Ignore(x => x.HoldsRoom);
        b.Ignore(x => x.ProjectSuspended);
    }
}

internal sealed class RoomOutageConfiguration : IEntityTypeConfiguration<RoomOutage>
{
    public void Configure(EntityTypeBuilder<RoomOutage> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Reason).HasMaxLength(RoomOutage.ReasonMaxLength);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.RoomId, x.From });
        b.Ignore(x => x.WholeRoom);
        b.Ignore(x => x.EffectiveUntil);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Recipient).HasMaxLength(100);
        b.Property(x => x.Address).HasMaxLength(OutboxMessage.AddressMaxLength);
        b.Property(x => x.Subject).HasMaxLength(OutboxMessage.SubjectMaxLength);
        b.Property(x => x.Body).HasMaxLength(OutboxMessage.BodyMaxLength);
        b.Property(x => x.Agency).HasMaxLength(100);
        b.Property(x => x.LastError).HasMaxLength(OutboxMessage.ErrorMaxLength);
        b.HasIndex(x => new { x.State, x.NextAttemptAt });
        b.HasIndex(x => x.BookingId);
        b.HasIndex(x => x.CreatedAt);
    }
}

internal sealed class BookingChangeConfiguration : IEntityTypeConfiguration<BookingChange>
{
    public void Configure(EntityTypeBuilder<BookingChange> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Reason).HasMaxLength(BookingChange.ReasonMaxLength);
        b.Property(x => x.By).HasMaxLength(100);
        b.HasOne<RoomBooking>().WithMany().HasForeignKey(x => x.BookingId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.BookingId, x.At });
        b.HasIndex(x => x.At);
        b.Ignore(x => x.Before);
        b.Ignore(x => x.After);
    }
}
