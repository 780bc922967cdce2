using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingOps.Core.Organisation;

namespace TradingOps.Data.Configurations;

internal sealed class CenterConfiguration : IEntityTypeConfiguration<Center>
{
    public void Configure(EntityTypeBuilder<Center> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Code).HasMaxLength(Center.CodeMaxLength);
        b.Property(x => x.Name).HasMaxLength(Center.NameMaxLength);
        b.Property(x => x.Address).HasMaxLength(Center.AddressMaxLength);
        b.HasIndex(x => x.Code).IsUnique();
    }
}

internal sealed class ZoneConfiguration : IEntityTypeConfiguration<Zone>
{
    public void Configure(EntityTypeBuilder<Zone> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(Zone.NameMaxLength);
        b.Property(x => x.Floor).HasMaxLength(20);
        b.HasOne<Center>().WithMany().HasForeignKey(x => x.CenterId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.CenterId, x.Name }).IsUnique();
    }
}

internal sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Code).HasMaxLength(Room.CodeMaxLength);
        b.Property(x => x.Name).HasMaxLength(Room.NameMaxLength);
        b.Property(x => x.OutOfServiceReason).HasMaxLength(Room.ReasonMaxLength);
        b.HasOne<Zone>().WithMany().HasForeignKey(x => x.ZoneId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.Code).IsUnique();
    }
}

internal sealed class ServiceTypeConfiguration : IEntityTypeConfiguration<ServiceType>
{
    public void Configure(EntityTypeBuilder<ServiceType> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Prefix).HasMaxLength(1);
        b.Property(x => x.Name).HasMaxLength(ServiceType.NameMaxLength);
        b.HasIndex(x => x.Prefix).IsUnique();
    }
}

internal sealed class ServiceWindowConfiguration : IEntityTypeConfiguration<ServiceWindow>
{
    public void Configure(EntityTypeBuilder<ServiceWindow> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(ServiceWindow.NameMaxLength);
        b.HasOne<Zone>().WithMany().HasForeignKey(x => x.ZoneId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.Number).IsUnique();
        b.HasMany(x => x.ServiceTypes).WithMany().UsingEntity("ServiceWindowServiceTypes");
        b.Navigation(x => x.ServiceTypes).HasField("_serviceTypes");
    }
}

internal sealed class StaffConfiguration : IEntityTypeConfiguration<Staff>
{
    public void Configure(EntityTypeBuilder<Staff> b)
    {
        b.ToTable("Staff");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.EmployeeNo).HasMaxLength(Staff.EmployeeNoMaxLength);
        b.Property(x => x.Name).HasMaxLength(Staff.NameMaxLength);
        b.Property(x => x.Department).HasMaxLength(Staff.DepartmentMaxLength);
        b.Property(x => x.Title).HasMaxLength(30);
        b.Property(x => x.Phone).HasMaxLength(Staff.PhoneMaxLength);
        b.Property(x => x.UserId).HasMaxLength(450);
        b.HasIndex(x => x.EmployeeNo).IsUnique();
        b.HasIndex(x => x.UserId).IsUnique();
        b.HasOne<Identity.ApplicationUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}
