using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingOps.Core.Auditing;

namespace TradingOps.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(x => x.Entity).HasMaxLength(AuditEntry.EntityMaxLength);
        b.Property(x => x.Key).HasMaxLength(AuditEntry.KeyMaxLength);
        b.Property(x => x.ActorId).HasMaxLength(450);
        b.Property(x => x.ActorName).HasMaxLength(AuditEntry.ActorMaxLength);
        b.HasIndex(x => x.At);
        b.HasIndex(x => new { x.Entity, x.Key });
        b.HasIndex(x => x.ActorId);
    }
}
