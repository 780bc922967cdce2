using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingOps.Core.Floor;
using TradingOps.Core.Witness;

namespace TradingOps.Data.Configurations;

internal sealed class WitnessCertificateConfiguration : IEntityTypeConfiguration<WitnessCertificate>
{
    public void Configure(EntityTypeBuilder<WitnessCertificate> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Number).HasMaxLength(CertificateNumber.MaxLength);
        b.Property(x => x.ProjectCode).HasMaxLength(WitnessEntry.ChainKeyMaxLength);
        b.Property(x => x.ChainKey).HasMaxLength(WitnessEntry.ChainKeyMaxLength);
        b.Property(x => x.ProjectName).HasMaxLength(WitnessCertificate.NameMaxLength);
        b.Property(x => x.Category).HasMaxLength(40);
        b.Property(x => x.Initiator).HasMaxLength(WitnessCertificate.PartyMaxLength);
        b.Property(x => x.Agency).HasMaxLength(WitnessCertificate.PartyMaxLength);
        b.Property(x => x.SessionsJson).HasMaxLength(WitnessCertificate.SessionsMaxLength);
        b.Property(x => x.IssuedBy).HasMaxLength(WitnessEntry.ActorMaxLength);
        b.Property(x => x.HeadHash).HasMaxLength(WitnessEntry.HashLength).IsFixedLength();
        b.Property(x => x.RevokedBy).HasMaxLength(WitnessEntry.ActorMaxLength);
        b.Property(x => x.RevokeReason).HasMaxLength(WitnessCertificate.ReasonMaxLength);
        b.Ignore(x => x.IsRevoked);
        b.Ignore(x => x.Sessions);
        b.Ignore(x => x.ParsedNumber);
        // One number per certificate; the per-year sequence cannot repeat even when two desks issue at once.
        b.HasIndex(x => x.Number).IsUnique();
        b.HasIndex(x => new { x.Year, x.Serial }).IsUnique();
        // At most one certificate in force per project: a second issue races into this, a reprint keeps the number.
        b.HasIndex(x => x.ChainKey).IsUnique().HasFilter("\"RevokedAt\" IS NULL");
    }
}

internal sealed class SessionRatingInviteConfiguration : IEntityTypeConfiguration<SessionRatingInvite>
{
    public void Configure(EntityTypeBuilder<SessionRatingInvite> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ProjectCode).HasMaxLength(WitnessEntry.ChainKeyMaxLength);
        b.Property(x => x.Token).HasMaxLength(SessionRatingInvite.TokenLength).IsFixedLength();
        b.HasOne<RoomBooking>().WithMany().HasForeignKey(x => x.BookingId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.BookingId).IsUnique();
        b.HasIndex(x => x.Token).IsUnique();
    }
}
