using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingOps.Core.Devices;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;

namespace TradingOps.Data.Configurations;

internal static class IdentityColumns
{
    public static void Protected<T>(EntityTypeBuilder<T> b, string name) where T : class =>
        b.Property<string>(name).HasMaxLength(ProtectedIdentity.ProtectedMaxLength);

    public static void Fingerprint<T>(EntityTypeBuilder<T> b, string name = "IdFingerprint") where T : class =>
        b.Property<string>(name).HasMaxLength(ProtectedIdentity.FingerprintLength).IsFixedLength();
}

internal sealed class ExpertSpecialtyConfiguration : IEntityTypeConfiguration<ExpertSpecialty>
{
    public void Configure(EntityTypeBuilder<ExpertSpecialty> b)
    {
        b.HasKey(x => x.Code);
        b.Property(x => x.Code).HasMaxLength(ExpertSpecialty.CodeMaxLength);
        b.Property(x => x.Name).HasMaxLength(ExpertSpecialty.NameMaxLength);
        b.Property(x => x.Category).HasMaxLength(ExpertSpecialty.NameMaxLength);
    }
}

internal sealed class ExpertConfiguration : IEntityTypeConfiguration<Expert>
{
    public void Configure(EntityTypeBuilder<Expert> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Code).HasMaxLength(Expert.CodeMaxLength);
        IdentityColumns.Protected(b, nameof(Expert.ProtectedName));
        IdentityColumns.Protected(b, nameof(Expert.ProtectedIdNumber));
        IdentityColumns.Protected(b, nameof(Expert.ProtectedPhone));
        IdentityColumns.Fingerprint(b);
        b.Property(x => x.IdMasked).HasMaxLength(20);
        b.Property(x => x.PhoneMasked).HasMaxLength(20);
        b.Property(x => x.Employer).HasMaxLength(Expert.EmployerMaxLength);
        b.Property(x => x.Region).HasMaxLength(Expert.RegionMaxLength);
        b.Property(x => x.Specialties).HasMaxLength(Expert.SpecialtiesMaxLength);
        b.Property(x => x.StatusReason).HasMaxLength(200);
        b.Property(x => x.AddedBy).HasMaxLength(256);
        b.Ignore(x => x.SpecialtyCodes);
        b.Ignore(x => x.Identity);
        b.HasIndex(x => x.Code).IsUnique();
        // One record per person in the pool: an imported provincial expert lands on the local record when there is one.
        b.HasIndex(x => x.IdFingerprint).IsUnique();
        b.HasIndex(x => x.Status);
    }
}

internal sealed class ExpertUnavailabilityConfiguration : IEntityTypeConfiguration<ExpertUnavailability>
{
    public void Configure(EntityTypeBuilder<ExpertUnavailability> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Reason).HasMaxLength(200);
        b.Property(x => x.By).HasMaxLength(256);
        b.HasOne<Expert>().WithMany().HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ExpertId, x.Until });
    }
}

internal sealed class DrawRequestConfiguration : IEntityTypeConfiguration<DrawRequest>
{
    public void Configure(EntityTypeBuilder<DrawRequest> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ProjectCode).HasMaxLength(40);
        b.Property(x => x.ProjectName).HasMaxLength(DrawRequest.TextMaxLength);
        b.Property(x => x.Initiator).HasMaxLength(100);
        b.Property(x => x.Agency).HasMaxLength(100);
        b.Property(x => x.ExcludedEmployers).HasMaxLength(DrawRequest.EmployersMaxLength);
        b.Property(x => x.RemotePartner).HasMaxLength(100);
        b.Property(x => x.RequestedBy).HasMaxLength(256);
        b.Property(x => x.OperatorName).HasMaxLength(256);
        b.Property(x => x.ConfirmedBy).HasMaxLength(256);
        b.Ignore(x => x.Employers);
        b.HasOne<RoomBooking>().WithMany().HasForeignKey(x => x.BookingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Restrict);
        // One request per evaluation session.
        b.HasIndex(x => x.BookingId).IsUnique();
        b.HasIndex(x => x.StartsAt);
    }
}

internal sealed class DrawQuotaConfiguration : IEntityTypeConfiguration<DrawQuota>
{
    public void Configure(EntityTypeBuilder<DrawQuota> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.SpecialtyCode).HasMaxLength(ExpertSpecialty.CodeMaxLength);
        b.HasOne<DrawRequest>().WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ExpertSpecialty>().WithMany().HasForeignKey(x => x.SpecialtyCode).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.RequestId, x.SpecialtyCode }).IsUnique();
    }
}

internal sealed class DrawRoundConfiguration : IEntityTypeConfiguration<DrawRound>
{
    public void Configure(EntityTypeBuilder<DrawRound> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.SpecialtyCode).HasMaxLength(ExpertSpecialty.CodeMaxLength);
        b.Property(x => x.Reason).HasMaxLength(200);
        b.Property(x => x.OperatorName).HasMaxLength(256);
        b.Property(x => x.ConfirmedBy).HasMaxLength(256);
        b.Property(x => x.CandidatesHash).HasMaxLength(64).IsFixedLength();
        // Candidate lists and picks of a 5,000-expert pool: unbounded text.
        b.HasOne<DrawRequest>().WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.RequestId, x.At });
    }
}

internal sealed class CommitteeMemberConfiguration : IEntityTypeConfiguration<CommitteeMember>
{
    public void Configure(EntityTypeBuilder<CommitteeMember> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ExpertCode).HasMaxLength(Expert.CodeMaxLength);
        b.Property(x => x.SpecialtyCode).HasMaxLength(ExpertSpecialty.CodeMaxLength);
        IdentityColumns.Protected(b, nameof(CommitteeMember.ProtectedName));
        IdentityColumns.Protected(b, nameof(CommitteeMember.ProtectedIdNumber));
        IdentityColumns.Protected(b, nameof(CommitteeMember.ProtectedPhone));
        IdentityColumns.Fingerprint(b);
        b.Property(x => x.IdMasked).HasMaxLength(20);
        b.Property(x => x.PhoneMasked).HasMaxLength(20);
        b.Property(x => x.Employer).HasMaxLength(Expert.EmployerMaxLength);
        b.Property(x => x.AddedBy).HasMaxLength(256);
        b.Property(x => x.OutcomeBy).HasMaxLength(256);
        b.Property(x => x.OutcomeNote).HasMaxLength(200);
        b.Ignore(x => x.OnList);
        b.Ignore(x => x.Expected);
        b.HasOne<DrawRequest>().WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Expert>().WithMany().HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Restrict);
        // The same person twice in one session: refused by the database, whichever node writes.
        b.HasIndex(x => new { x.BookingId, x.IdFingerprint }).IsUnique();
        b.HasIndex(x => new { x.ExpertId, x.StartsAt });
        b.HasIndex(x => x.IdFingerprint);
    }
}

internal sealed class ExpertEngagementConfiguration : IEntityTypeConfiguration<ExpertEngagement>
{
    public void Configure(EntityTypeBuilder<ExpertEngagement> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        IdentityColumns.Fingerprint(b);
        b.HasOne<CommitteeMember>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Cascade);
        // The same person in two overlapping sessions: two rows for one half hour, refused.
        b.HasIndex(x => new { x.IdFingerprint, x.Slot }).IsUnique();
        b.HasIndex(x => x.MemberId);
    }
}

internal sealed class GateAdmissionConfiguration : IEntityTypeConfiguration<GateAdmission>
{
    public void Configure(EntityTypeBuilder<GateAdmission> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        IdentityColumns.Fingerprint(b);
        b.Property(x => x.IdMasked).HasMaxLength(20);
        b.Property(x => x.Locker).HasMaxLength(GateAdmission.LockerMaxLength);
        b.Property(x => x.By).HasMaxLength(256);
        b.Ignore(x => x.Inside);
        b.HasOne<RoomBooking>().WithMany().HasForeignKey(x => x.BookingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<CommitteeMember>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AgencyPass>().WithMany().HasForeignKey(x => x.PassId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PairedDevice>().WithMany().HasForeignKey(x => x.DeviceId).OnDelete(DeleteBehavior.Restrict);
        // One entry per person and session; one person per seat of a session; one locker once a day.
        b.HasIndex(x => new { x.BookingId, x.IdFingerprint }).IsUnique();
        b.HasIndex(x => new { x.BookingId, x.Seat }).IsUnique();
        b.HasIndex(x => new { x.Day, x.Locker }).IsUnique();
        b.HasIndex(x => x.IdFingerprint);
    }
}

internal sealed class GateEventConfiguration : IEntityTypeConfiguration<GateEvent>
{
    public void Configure(EntityTypeBuilder<GateEvent> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        IdentityColumns.Fingerprint(b);
        b.Property(x => x.IdMasked).HasMaxLength(20);
        b.Property(x => x.RequestId).HasMaxLength(GateEvent.RequestIdMaxLength);
        b.Property(x => x.By).HasMaxLength(256);
        b.Property(x => x.Reason).HasMaxLength(300);
        b.HasOne<PairedDevice>().WithMany().HasForeignKey(x => x.DeviceId).OnDelete(DeleteBehavior.Restrict);
        // A device's request id once: a replayed call is refused.
        b.HasIndex(x => new { x.DeviceId, x.RequestId }).IsUnique();
        b.HasIndex(x => new { x.BookingId, x.At });
        b.HasIndex(x => x.At);
    }
}

internal sealed class AgencyPassConfiguration : IEntityTypeConfiguration<AgencyPass>
{
    public void Configure(EntityTypeBuilder<AgencyPass> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        IdentityColumns.Protected(b, nameof(AgencyPass.ProtectedName));
        IdentityColumns.Fingerprint(b);
        b.Property(x => x.IdMasked).HasMaxLength(20);
        b.Property(x => x.Agency).HasMaxLength(100);
        b.Property(x => x.Supervisor).HasMaxLength(50);
        b.Property(x => x.IssuedBy).HasMaxLength(256);
        b.HasOne<RoomBooking>().WithMany().HasForeignKey(x => x.BookingId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.BookingId, x.IdFingerprint });
    }
}

internal sealed class EvaluationAlertConfiguration : IEntityTypeConfiguration<EvaluationAlert>
{
    public void Configure(EntityTypeBuilder<EvaluationAlert> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.RoomCode).HasMaxLength(Room.CodeMaxLength);
        b.Property(x => x.Subject).HasMaxLength(EvaluationAlert.SubjectMaxLength);
        b.Property(x => x.Detail).HasMaxLength(EvaluationAlert.DetailMaxLength);
        b.Property(x => x.RaisedBy).HasMaxLength(256);
        b.Property(x => x.ResolvedBy).HasMaxLength(256);
        b.Property(x => x.Resolution).HasMaxLength(200);
        b.Ignore(x => x.Open);
        b.HasOne<RoomBooking>().WithMany().HasForeignKey(x => x.BookingId).OnDelete(DeleteBehavior.Restrict);
        // Raised once, whichever node notices first.
        b.HasIndex(x => new { x.Kind, x.BookingId, x.Subject }).IsUnique();
        b.HasIndex(x => new { x.ResolvedAt, x.RaisedAt });
    }
}
