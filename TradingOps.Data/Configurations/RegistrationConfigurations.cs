using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingOps.Core.Organisation;
using TradingOps.Core.Projects;
using TradingOps.Core.Registrations;

namespace TradingOps.Data.Configurations;

internal sealed class RegistrationConfiguration : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Code).HasMaxLength(Registration.CodeMaxLength);
        b.Property(x => x.ProjectName).HasMaxLength(Registration.NameMaxLength);
        b.Property(x => x.Initiator).HasMaxLength(Registration.PartyMaxLength);
        b.Property(x => x.Agency).HasMaxLength(Registration.PartyMaxLength);
        b.Property(x => x.ContactName).HasMaxLength(Registration.ContactMaxLength);
        b.Property(x => x.ContactPhone).HasMaxLength(Registration.ContactMaxLength);
        b.Property(x => x.ContactIdNumber).HasMaxLength(TradingOps.Core.Common.IdNumber.Length);
        b.Property(x => x.Amount).HasPrecision(18, 2);
        b.Property(x => x.SubmittedBy).HasMaxLength(50);
        b.Property(x => x.Reviewer).HasMaxLength(50);
        b.Property(x => x.GreenChannelReason).HasMaxLength(Registration.ReasonMaxLength);
        b.Property(x => x.RejectionReason).HasMaxLength(Registration.ReasonMaxLength);
        b.Property(x => x.PointsToObserve).HasMaxLength(Registration.TextMaxLength);
        b.Property(x => x.MissingMaterials).HasMaxLength(Registration.TextMaxLength);
        b.PrimitiveCollection(x => x.SubmittedMaterials);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.ResponsibleStaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<TradingProject>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(x => x.Slots, s =>
        {
            s.ToTable("RegistrationRoomSlots");
            s.WithOwner().HasForeignKey("RegistrationId");
            s.Property<int>("Id");
            s.HasKey("Id");
            s.Property(x => x.Purpose).HasMaxLength(RequestedRoomSlot.PurposeMaxLength);
            s.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Restrict);
            s.HasIndex(x => new { x.RoomId, x.Start });
        });
        b.Navigation(x => x.Slots).HasField("_slots");
        b.OwnsMany(x => x.Submissions, s =>
        {
            s.ToTable("RegistrationSubmissions");
            s.WithOwner().HasForeignKey("RegistrationId");
            s.Property<int>("Id");
            s.HasKey("Id");
            s.Property(x => x.RequestedMaterials).HasMaxLength(Registration.TextMaxLength);
            s.Property(x => x.HandedIn).HasMaxLength(Registration.TextMaxLength);
        });
        b.Navigation(x => x.Submissions).HasField("_submissions");
        b.HasMany(x => x.Notices).WithOne().HasForeignKey(n => n.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Notices).HasField("_notices");
        b.Ignore(x => x.LatestNotice);
        b.Ignore(x => x.IsConditional);
        b.HasIndex(x => x.Code).IsUnique();
        // One open registration per initiator, project name and category, under concurrency too (NULL once closed:
        // never a conflict; SQL Server gets the IS NOT NULL filter from EF's convention).
        b.Property(x => x.OpenKey).HasMaxLength(Registration.OpenKeyLength);
        b.HasIndex(x => x.OpenKey).IsUnique();
        b.HasIndex(x => new { x.Status, x.DueAt });
        b.HasIndex(x => x.CompletedAt); // the daily statistics read a day's completions
    }
}

internal sealed class DeficiencyNoticeConfiguration : IEntityTypeConfiguration<DeficiencyNotice>
{
    public void Configure(EntityTypeBuilder<DeficiencyNotice> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.IssuedBy).HasMaxLength(50);
        b.OwnsMany(x => x.Items, i =>
        {
            i.ToTable("DeficiencyItems");
            i.WithOwner().HasForeignKey("NoticeId");
            i.Property<int>("Id");
            i.HasKey("Id");
            i.Property(x => x.Material).HasMaxLength(DeficiencyItem.MaterialMaxLength);
            i.Property(x => x.Note).HasMaxLength(DeficiencyItem.NoteMaxLength);
        });
        b.Navigation(x => x.Items).HasField("_items");
        b.Ignore(x => x.RequestedMaterials);
        b.Property(x => x.Number).HasMaxLength(NoticeNumber.MaxLength);
        b.HasIndex(x => x.Number).IsUnique(); // one generator, one number per notice (NULL on notices from before numbers)
        b.HasIndex(x => new { x.RegistrationId, x.Sequence }).IsUnique();
    }
}

internal sealed class MaterialChecklistItemConfiguration : IEntityTypeConfiguration<MaterialChecklistItem>
{
    public void Configure(EntityTypeBuilder<MaterialChecklistItem> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(MaterialChecklistItem.NameMaxLength);
        b.Property(x => x.Note).HasMaxLength(MaterialChecklistItem.NoteMaxLength);
        b.HasIndex(x => new { x.Category, x.Name }).IsUnique();
        // Liaoning 6.2.2 is reference data: every database starts with it, demo or not.
        b.HasData(MaterialChecklistItem.Liaoning622.Select(i => new
        {
            i.Id, i.Category, i.Name, i.Required, SortOrder = i.Order, Note = (string?)"辽宁 DB21 6.2.2",
        }));
    }
}

internal sealed class ConsultationConfiguration : IEntityTypeConfiguration<Consultation>
{
    public void Configure(EntityTypeBuilder<Consultation> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Topic).HasMaxLength(Consultation.TopicMaxLength);
        b.Property(x => x.Enquirer).HasMaxLength(Consultation.PartyMaxLength);
        b.Property(x => x.Contact).HasMaxLength(50);
        b.Property(x => x.Question).HasMaxLength(Consultation.TextMaxLength);
        b.Property(x => x.Answer).HasMaxLength(Consultation.TextMaxLength);
        b.Property(x => x.FirstResponder).HasMaxLength(50);
        b.Property(x => x.ReferredTo).HasMaxLength(Consultation.PartyMaxLength);
        b.Property(x => x.FollowUpNote).HasMaxLength(Consultation.TextMaxLength);
        b.HasIndex(x => x.ReceivedAt);
        b.HasIndex(x => new { x.Status, x.FollowUpDueAt });
    }
}

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<TradingOps.Data.Registrations.IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<TradingOps.Data.Registrations.IdempotentRequest> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.UserId).HasMaxLength(TradingOps.Data.Registrations.IdempotentRequest.UserIdMaxLength);
        b.Property(x => x.Key).HasMaxLength(TradingOps.Data.Registrations.IdempotentRequest.KeyMaxLength);
        b.Property(x => x.RequestHash).HasMaxLength(TradingOps.Data.Registrations.IdempotentRequest.HashLength);
        b.HasOne<Registration>().WithMany().HasForeignKey(x => x.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        // A key is one request per user: the second of two concurrent requests with it fails here and replays the first.
        b.HasIndex(x => new { x.UserId, x.Key }).IsUnique();
        b.HasIndex(x => x.ExpiresAt);
    }
}
