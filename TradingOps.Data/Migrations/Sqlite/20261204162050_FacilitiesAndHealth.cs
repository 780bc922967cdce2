using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingOps.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FacilitiesAndHealth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DeviceCommands",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeviceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    BatchId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BootIdBefore = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CameBackAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeviceCommands", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeviceCommands_PairedDevices_DeviceId",
                        column: x => x.DeviceId,
                        principalTable: "PairedDevices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DeviceHeartbeats",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FirstSeenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ScreenWidth = table.Column<int>(type: "INTEGER", nullable: true),
                    ScreenHeight = table.Column<int>(type: "INTEGER", nullable: true),
                    Page = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    BootId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    BootedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    LastErrorAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Beats = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeviceHeartbeats", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeviceHeartbeats_PairedDevices_Id",
                        column: x => x.Id,
                        principalTable: "PairedDevices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DutyAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Shift = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffName = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DutyAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DutyAssignments_Staff_StaffId",
                        column: x => x.StaffId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Equipment",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ZoneId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoomId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RoomCritical = table.Column<bool>(type: "INTEGER", nullable: false),
                    Serial = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Vendor = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Model = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    InstalledOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    WarrantyUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RetiredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Equipment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Equipment_Rooms_RoomId",
                        column: x => x.RoomId,
                        principalTable: "Rooms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Equipment_Zones_ZoneId",
                        column: x => x.ZoneId,
                        principalTable: "Zones",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InspectionSchedules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Frequency = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DueBy = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    Checklist = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionSchedules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OpsAlerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    RoomId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClearedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AssignedStaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AssignedName = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    EscalationLevel = table.Column<int>(type: "INTEGER", nullable: false),
                    LastNotifiedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpsAlerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpsAlerts_Staff_AssignedStaffId",
                        column: x => x.AssignedStaffId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InspectionTasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EquipmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ScheduleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RoomId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Checklist = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Results = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DoneBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DoneAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FaultId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InspectionTasks_Equipment_EquipmentId",
                        column: x => x.EquipmentId,
                        principalTable: "Equipment",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InspectionTasks_InspectionSchedules_ScheduleId",
                        column: x => x.ScheduleId,
                        principalTable: "InspectionSchedules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Faults",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EquipmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RoomId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    InspectionTaskId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    TakesRoomOut = table.Column<bool>(type: "INTEGER", nullable: false),
                    OutageId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReportedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ReportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RepairedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RepairedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RepairNotes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ReturnedToServiceAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Faults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Faults_Equipment_EquipmentId",
                        column: x => x.EquipmentId,
                        principalTable: "Equipment",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Faults_InspectionTasks_InspectionTaskId",
                        column: x => x.InspectionTaskId,
                        principalTable: "InspectionTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Faults_RoomOutages_OutageId",
                        column: x => x.OutageId,
                        principalTable: "RoomOutages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DeviceCommands_BatchId",
                table: "DeviceCommands",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_DeviceCommands_DeviceId_DeliveredAt",
                table: "DeviceCommands",
                columns: new[] { "DeviceId", "DeliveredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DutyAssignments_Day_Shift_Role_Order",
                table: "DutyAssignments",
                columns: new[] { "Day", "Shift", "Role", "Order" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DutyAssignments_Day_Shift_Role_StaffId",
                table: "DutyAssignments",
                columns: new[] { "Day", "Shift", "Role", "StaffId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DutyAssignments_StaffId",
                table: "DutyAssignments",
                column: "StaffId");

            migrationBuilder.CreateIndex(
                name: "IX_Equipment_Category_State",
                table: "Equipment",
                columns: new[] { "Category", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Equipment_Code",
                table: "Equipment",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Equipment_RoomId",
                table: "Equipment",
                column: "RoomId");

            migrationBuilder.CreateIndex(
                name: "IX_Equipment_ZoneId",
                table: "Equipment",
                column: "ZoneId");

            migrationBuilder.CreateIndex(
                name: "IX_Faults_EquipmentId_Status",
                table: "Faults",
                columns: new[] { "EquipmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Faults_InspectionTaskId",
                table: "Faults",
                column: "InspectionTaskId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Faults_Number",
                table: "Faults",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Faults_OutageId",
                table: "Faults",
                column: "OutageId");

            migrationBuilder.CreateIndex(
                name: "IX_Faults_ReportedAt",
                table: "Faults",
                column: "ReportedAt");

            migrationBuilder.CreateIndex(
                name: "IX_InspectionSchedules_Category",
                table: "InspectionSchedules",
                column: "Category",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InspectionTasks_EquipmentId_Day",
                table: "InspectionTasks",
                columns: new[] { "EquipmentId", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InspectionTasks_ScheduleId",
                table: "InspectionTasks",
                column: "ScheduleId");

            migrationBuilder.CreateIndex(
                name: "IX_InspectionTasks_Status_DueAt",
                table: "InspectionTasks",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OpsAlerts_AssignedStaffId",
                table: "OpsAlerts",
                column: "AssignedStaffId");

            migrationBuilder.CreateIndex(
                name: "IX_OpsAlerts_ClearedAt_RaisedAt",
                table: "OpsAlerts",
                columns: new[] { "ClearedAt", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OpsAlerts_Key",
                table: "OpsAlerts",
                column: "Key",
                unique: true,
                filter: "\"ClearedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeviceCommands");

            migrationBuilder.DropTable(
                name: "DeviceHeartbeats");

            migrationBuilder.DropTable(
                name: "DutyAssignments");

            migrationBuilder.DropTable(
                name: "Faults");

            migrationBuilder.DropTable(
                name: "OpsAlerts");

            migrationBuilder.DropTable(
                name: "InspectionTasks");

            migrationBuilder.DropTable(
                name: "Equipment");

            migrationBuilder.DropTable(
                name: "InspectionSchedules");
        }
    }
}
