using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingOps.Core.Evaluation;

namespace TradingOps.Data.Configurations;

/// <summary>The redraw request a member's place carries until an overseer confirms it (CommitteeMember.Calls.cs).</summary>
internal sealed class CommitteeMemberRedrawConfiguration : IEntityTypeConfiguration<CommitteeMember>
{
    public void Configure(EntityTypeBuilder<CommitteeMember> b)
    {
        b.Property(x => x.RedrawRequestedBy).HasMaxLength(256);
        b.Property(x => x.RedrawReason).HasMaxLength(200);
        b.Ignore(x => x.IsGap);
    }
}
