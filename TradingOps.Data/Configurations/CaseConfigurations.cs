using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingOps.Core.Cases;
using TradingOps.Core.Projects;

namespace TradingOps.Data.Configurations;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Number).HasMaxLength(CaseNumber.MaxLength);
        b.Property(x => x.TrackingCode).HasMaxLength(TrackingCode.MaxLength);
        b.Property(x => x.ProjectCode).HasMaxLength(TradingProject.CodeMaxLength);
        b.Property(x => x.ProjectName).HasMaxLength(TradingProject.NameMaxLength);
        b.Property(x => x.Subject).HasMaxLength(Case.SubjectMaxLength);
        b.Property(x => x.Details).HasMaxLength(Case.DetailsMaxLength);
        b.Property(x => x.RaisedByName).HasMaxLength(Case.NameMaxLength);
        b.Property(x => x.RaisedByPhone).HasMaxLength(20);
        b.Property(x => x.RaisedByOrganisation).HasMaxLength(Case.OrganisationMaxLength);
        b.Property(x => x.RaisedByEmail).HasMaxLength(100);
        b.Property(x => x.AttachmentReferences).HasMaxLength(Case.AttachmentsMaxLength);
        b.Property(x => x.ReceivedBy).HasMaxLength(Case.ActorMaxLength);
        b.Property(x => x.Handler).HasMaxLength(Case.ActorMaxLength);
        b.Property(x => x.PresetKey).HasMaxLength(CaseClockPreset.KeyMaxLength);
        b.Property(x => x.PresetName).HasMaxLength(CaseClockPreset.NameMaxLength);
        b.Property(x => x.PresetSource).HasMaxLength(CaseClockPreset.SourceMaxLength);
        b.Property(x => x.Awaiting).HasMaxLength(CaseClockPreset.AwaitingMaxLength);
        b.Property(x => x.ForwardedTo).HasMaxLength(Case.PartyMaxLength);
        b.Property(x => x.ForwardChannel).HasMaxLength(20);
        b.Property(x => x.ForwardReference).HasMaxLength(Case.ReferenceMaxLength);
        b.Property(x => x.ForwardedBy).HasMaxLength(Case.ActorMaxLength);
        b.Property(x => x.AnsweredBy).HasMaxLength(Case.ActorMaxLength);
        b.Property(x => x.Answer).HasMaxLength(Case.TextMaxLength);
        b.Property(x => x.ResolvedBy).HasMaxLength(Case.ActorMaxLength);
        b.Property(x => x.Resolution).HasMaxLength(Case.TextMaxLength);
        b.Property(x => x.WithdrawReason).HasMaxLength(Case.TextMaxLength);
        // Two clerks acting on one case at once: the second save finds the state moved and fails.
        b.Property(x => x.State).IsConcurrencyToken();
        b.Ignore(x => x.Attachments);
        b.Ignore(x => x.IsOpen);
        b.Ignore(x => x.IsSuspending);
        b.Ignore(x => x.Waiting);
        b.HasIndex(x => x.Number).IsUnique();
        b.HasIndex(x => new { x.Year, x.Serial }).IsUnique();
        b.HasIndex(x => x.TrackingCode).IsUnique();
        b.HasIndex(x => new { x.State, x.ForwardDueAt });
        b.HasIndex(x => x.ProjectCode);
        b.HasIndex(x => x.ReceivedAt);
    }
}

internal sealed class CaseEventConfiguration : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Code).HasMaxLength(20);
        b.Property(x => x.Text).HasMaxLength(Case.TextMaxLength + 200);
        b.Property(x => x.By).HasMaxLength(Case.ActorMaxLength);
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.CaseId, x.At });
    }
}

internal sealed class CaseClockPresetConfiguration : IEntityTypeConfiguration<CaseClockPreset>
{
    public void Configure(EntityTypeBuilder<CaseClockPreset> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Key).HasMaxLength(CaseClockPreset.KeyMaxLength);
        b.Property(x => x.Name).HasMaxLength(CaseClockPreset.NameMaxLength);
        b.Property(x => x.Awaiting).HasMaxLength(CaseClockPreset.AwaitingMaxLength);
        b.Property(x => x.Source).HasMaxLength(CaseClockPreset.SourceMaxLength);
        b.HasIndex(x => x.Key).IsUnique();
    }
}
