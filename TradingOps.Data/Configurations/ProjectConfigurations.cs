using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingOps.Core.Organisation;
using TradingOps.Core.Projects;

namespace TradingOps.Data.Configurations;

internal sealed class TradingProjectConfiguration : IEntityTypeConfiguration<TradingProject>
{
    public void Configure(EntityTypeBuilder<TradingProject> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Code).HasMaxLength(TradingProject.CodeMaxLength);
        b.Property(x => x.Name).HasMaxLength(TradingProject.NameMaxLength);
        b.Property(x => x.Initiator).HasMaxLength(TradingProject.PartyMaxLength);
        b.Property(x => x.Agency).HasMaxLength(TradingProject.PartyMaxLength);
        b.Property(x => x.Amount).HasPrecision(18, 2);
        b.Property(x => x.ClosedBy).HasMaxLength(100);
        b.Ignore(x => x.IsClosed);
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.ResponsibleStaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.Code).IsUnique();
        b.HasIndex(x => x.RegisteredAt);
        b.HasIndex(x => x.BidOpeningAt);
    }
}
