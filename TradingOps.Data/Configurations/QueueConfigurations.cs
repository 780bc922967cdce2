using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;

namespace TradingOps.Data.Configurations;

/// <summary>The queue columns of a window (sign-on, pause); the rest is in ServiceWindowConfiguration.</summary>
internal sealed class ServiceWindowQueueConfiguration : IEntityTypeConfiguration<ServiceWindow>
{
    public void Configure(EntityTypeBuilder<ServiceWindow> b)
    {
        b.Property(x => x.ClerkName).HasMaxLength(ServiceWindow.ClerkMaxLength);
        b.Property(x => x.TakeOverReason).HasMaxLength(ServiceWindow.ClerkMaxLength * 2 + ServiceWindow.TakeOverReasonMaxLength + 5);
        b.Property(x => x.PauseReason).HasMaxLength(ServiceWindow.PauseReasonMaxLength);
        b.Ignore(x => x.IsPaused);
        b.Ignore(x => x.IsSignedOn);
        // A window is bound to one staff member; a staff record in use at a window cannot be deleted.
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.ClerkStaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.ClerkStaffId);
    }
}

internal sealed class QueueTicketConfiguration : IEntityTypeConfiguration<QueueTicket>
{
    public void Configure(EntityTypeBuilder<QueueTicket> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Code).HasMaxLength(8);
        b.Property(x => x.PriorityReason).HasMaxLength(QueueTicket.ReasonMaxLength);
        b.Property(x => x.OutcomeNote).HasMaxLength(QueueTicket.NoteMaxLength);
        b.Property(x => x.RatingToken).HasMaxLength(40);
        b.Property(x => x.ServedByName).HasMaxLength(ServiceWindow.ClerkMaxLength);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.ServedByStaffId).OnDelete(DeleteBehavior.Restrict);
        // Two windows calling at once: the second update finds another Version and is refused by the database.
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<ServiceType>().WithMany().HasForeignKey(x => x.ServiceTypeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ServiceWindow>().WithMany().HasForeignKey(x => x.WindowId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ServiceWindow>().WithMany().HasForeignKey(x => x.TargetWindowId).OnDelete(DeleteBehavior.Restrict);
        // Numbers restart every local day; the prefix belongs to the type the ticket was issued for.
        b.HasIndex(x => new { x.ServiceDate, x.Code }).IsUnique();
        b.HasIndex(x => x.RatingToken).IsUnique();
        b.HasIndex(x => new { x.ServiceDate, x.Status });
    }
}

internal sealed class TicketEventConfiguration : IEntityTypeConfiguration<TicketEvent>
{
    public void Configure(EntityTypeBuilder<TicketEvent> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Detail).HasMaxLength(TicketEvent.DetailMaxLength);
        b.HasIndex(x => x.StaffId);
        b.HasOne<QueueTicket>().WithMany().HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.At, x.Kind });
        b.HasIndex(x => x.TicketId);
    }
}

internal sealed class SatisfactionRatingConfiguration : IEntityTypeConfiguration<SatisfactionRating>
{
    public void Configure(EntityTypeBuilder<SatisfactionRating> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Reasons).HasMaxLength(SatisfactionRating.ReasonsMaxLength);
        b.Property(x => x.Comment).HasMaxLength(SatisfactionRating.CommentMaxLength);
        b.Ignore(x => x.IsBadRating);
        b.HasOne<QueueTicket>().WithMany().HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.TicketId).IsUnique(); // one rating per ticket, whatever the UI does
        // Ratings given before the services were told apart were all window ratings.
        b.Property(x => x.Service).HasDefaultValue(RatedService.Window);
        // A session's venue and witness service: one rating each per session (window ratings have no booking).
        b.HasOne<TradingOps.Core.Floor.RoomBooking>().WithMany().HasForeignKey(x => x.BookingId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.BookingId, x.Service }).IsUnique();
        b.HasIndex(x => x.At);
    }
}

internal sealed class RatingFollowUpConfiguration : IEntityTypeConfiguration<RatingFollowUp>
{
    public void Configure(EntityTypeBuilder<RatingFollowUp> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ContactNote).HasMaxLength(RatingFollowUp.TextMaxLength);
        b.Property(x => x.Resolution).HasMaxLength(RatingFollowUp.TextMaxLength);
        b.Property(x => x.ClosedBy).HasMaxLength(50);
        b.Ignore(x => x.IsClosed);
        b.HasOne<SatisfactionRating>().WithMany().HasForeignKey(x => x.RatingId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.RatingId).IsUnique();
        b.HasIndex(x => x.ClosedAt);
        b.HasIndex(x => x.BookingId);
    }
}
