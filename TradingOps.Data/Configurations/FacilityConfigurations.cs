using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingOps.Core.Devices;
using TradingOps.Core.Duty;
using TradingOps.Core.Facilities;
using TradingOps.Core.Floor;
using TradingOps.Core.Health;
using TradingOps.Core.Organisation;

namespace TradingOps.Data.Configurations;

internal sealed class EquipmentConfiguration : IEntityTypeConfiguration<Equipment>
{
    public void Configure(EntityTypeBuilder<Equipment> b)
    {
        b.ToTable("Equipment");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Code).HasMaxLength(Equipment.CodeMaxLength);
        b.Property(x => x.Name).HasMaxLength(Equipment.NameMaxLength);
        b.Property(x => x.Serial).HasMaxLength(Equipment.SerialMaxLength);
        b.Property(x => x.Vendor).HasMaxLength(Equipment.VendorMaxLength);
        b.Property(x => x.Model).HasMaxLength(Equipment.ModelMaxLength);
        b.Property(x => x.Notes).HasMaxLength(Equipment.NotesMaxLength);
        b.Property(x => x.CreatedBy).HasMaxLength(Equipment.ByMaxLength);
        b.HasIndex(x => x.Code).IsUnique();
        b.HasIndex(x => new { x.Category, x.State });
        b.HasIndex(x => x.RoomId);
        b.HasOne<Zone>().WithMany().HasForeignKey(x => x.ZoneId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InspectionScheduleConfiguration : IEntityTypeConfiguration<InspectionSchedule>
{
    public void Configure(EntityTypeBuilder<InspectionSchedule> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Checklist).HasMaxLength(InspectionSchedule.ChecklistMaxLength);
        b.Property(x => x.UpdatedBy).HasMaxLength(Equipment.ByMaxLength);
        b.Ignore(x => x.Items);
        // One schedule per category.
        b.HasIndex(x => x.Category).IsUnique();
    }
}

internal sealed class InspectionTaskConfiguration : IEntityTypeConfiguration<InspectionTask>
{
    public void Configure(EntityTypeBuilder<InspectionTask> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Checklist).HasMaxLength(InspectionSchedule.ChecklistMaxLength);
        b.Property(x => x.Results).HasMaxLength(100);
        b.Property(x => x.Notes).HasMaxLength(InspectionTask.NotesMaxLength);
        b.Property(x => x.DoneBy).HasMaxLength(Equipment.ByMaxLength);
        b.Ignore(x => x.Items);
        // The job may run twice a day (at start, on demand): one task per equipment and day whatever it does.
        b.HasIndex(x => new { x.EquipmentId, x.Day }).IsUnique();
        b.HasIndex(x => new { x.Status, x.DueAt });
        b.HasOne<Equipment>().WithMany().HasForeignKey(x => x.EquipmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<InspectionSchedule>().WithMany().HasForeignKey(x => x.ScheduleId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FaultConfiguration : IEntityTypeConfiguration<Fault>
{
    public void Configure(EntityTypeBuilder<Fault> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Number).HasMaxLength(Fault.NumberMaxLength);
        b.Property(x => x.Description).HasMaxLength(Fault.DescriptionMaxLength);
        b.Property(x => x.RepairNotes).HasMaxLength(Fault.RepairNotesMaxLength);
        b.Property(x => x.ReportedBy).HasMaxLength(Equipment.ByMaxLength);
        b.Property(x => x.RepairedBy).HasMaxLength(Equipment.ByMaxLength);
        b.Ignore(x => x.TimeToRepair);
        b.HasIndex(x => x.Number).IsUnique();
        b.HasIndex(x => new { x.EquipmentId, x.Status });
        b.HasIndex(x => x.ReportedAt);
        // One fault per failed inspection, also when two desks report it at the same moment (the service checks first).
        b.HasIndex(x => x.InspectionTaskId).IsUnique();
        b.HasOne<Equipment>().WithMany().HasForeignKey(x => x.EquipmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<InspectionTask>().WithMany().HasForeignKey(x => x.InspectionTaskId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RoomOutage>().WithMany().HasForeignKey(x => x.OutageId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DeviceHeartbeatConfiguration : IEntityTypeConfiguration<DeviceHeartbeat>
{
    public void Configure(EntityTypeBuilder<DeviceHeartbeat> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Ignore(x => x.DeviceId);
        b.Property(x => x.Version).HasMaxLength(DeviceHeartbeat.VersionMaxLength);
        b.Property(x => x.Page).HasMaxLength(DeviceHeartbeat.PageMaxLength);
        b.Property(x => x.BootId).HasMaxLength(DeviceHeartbeat.BootIdMaxLength);
        b.Property(x => x.LastError).HasMaxLength(DeviceHeartbeat.ErrorMaxLength);
        b.Property(x => x.Address).HasMaxLength(DeviceHeartbeat.AddressMaxLength);
        b.HasOne<PairedDevice>().WithOne().HasForeignKey<DeviceHeartbeat>(x => x.Id).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DeviceCommandConfiguration : IEntityTypeConfiguration<DeviceCommand>
{
    public void Configure(EntityTypeBuilder<DeviceCommand> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.BootIdBefore).HasMaxLength(DeviceHeartbeat.BootIdMaxLength);
        b.Property(x => x.RequestedBy).HasMaxLength(100);
        b.Ignore(x => x.Pending);
        b.HasIndex(x => new { x.DeviceId, x.DeliveredAt });
        b.HasIndex(x => x.BatchId);
        b.HasOne<PairedDevice>().WithMany().HasForeignKey(x => x.DeviceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DutyAssignmentConfiguration : IEntityTypeConfiguration<DutyAssignment>
{
    public void Configure(EntityTypeBuilder<DutyAssignment> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.StaffName).HasMaxLength(30);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.HasIndex(x => new { x.Day, x.Shift, x.Role, x.Order }).IsUnique();
        b.HasIndex(x => new { x.Day, x.Shift, x.Role, x.StaffId }).IsUnique();
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OpsAlertConfiguration : IEntityTypeConfiguration<OpsAlert>
{
    public void Configure(EntityTypeBuilder<OpsAlert> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Key).HasMaxLength(OpsAlert.KeyMaxLength);
        b.Property(x => x.Title).HasMaxLength(OpsAlert.TitleMaxLength);
        b.Property(x => x.Detail).HasMaxLength(OpsAlert.DetailMaxLength);
        b.Property(x => x.AcknowledgedBy).HasMaxLength(100);
        b.Property(x => x.AssignedName).HasMaxLength(30);
        b.Ignore(x => x.IsOpen);
        b.Ignore(x => x.NeedsAcknowledgement);
        // One open alert per condition, whichever node raises it first.
        b.HasIndex(x => x.Key).IsUnique().HasFilter("\"ClearedAt\" IS NULL");
        b.HasIndex(x => new { x.ClearedAt, x.RaisedAt });
        b.HasOne<Staff>().WithMany().HasForeignKey(x => x.AssignedStaffId).OnDelete(DeleteBehavior.Restrict);
    }
}
