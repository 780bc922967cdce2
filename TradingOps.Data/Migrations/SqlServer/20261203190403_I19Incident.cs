using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingOps.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class I19Incident : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ProjectSuspendedAt",
                table: "RoomBookings",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ClosedAt",
                table: "Incidents",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosedBy",
                table: "Incidents",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosingNote",
                table: "Incidents",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Feedback",
                table: "Incidents",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "FeedbackAt",
                table: "Incidents",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FeedbackRecordedBy",
                table: "Incidents",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReportChannel",
                table: "Incidents",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReportDueAt",
                table: "Incidents",
                type: "datetimeoffset",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "ReportReference",
                table: "Incidents",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReportedAt",
                table: "Incidents",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReportedBy",
                table: "Incidents",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResumeNote",
                table: "Incidents",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ResumedAt",
                table: "Incidents",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResumedBy",
                table: "Incidents",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SuspendReason",
                table: "Incidents",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SuspendedAt",
                table: "Incidents",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SuspendedBy",
                table: "Incidents",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "TerminatedAt",
                table: "Incidents",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TerminatedBy",
                table: "Incidents",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TerminationReason",
                table: "Incidents",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "IncidentNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    IncidentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MessageId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncidentNotices_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IncidentNotices_OutboxMessages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "OutboxMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IncidentTicks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    IncidentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ItemCode = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    TickedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    TickedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentTicks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncidentTicks_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_OpenedAt",
                table: "Incidents",
                column: "OpenedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_ReportDueAt",
                table: "Incidents",
                column: "ReportDueAt");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentNotices_IncidentId_MessageId",
                table: "IncidentNotices",
                columns: new[] { "IncidentId", "MessageId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IncidentNotices_MessageId",
                table: "IncidentNotices",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentTicks_IncidentId_ItemCode",
                table: "IncidentTicks",
                columns: new[] { "IncidentId", "ItemCode" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IncidentNotices");

            migrationBuilder.DropTable(
                name: "IncidentTicks");

            migrationBuilder.DropIndex(
                name: "IX_Incidents_OpenedAt",
                table: "Incidents");

            migrationBuilder.DropIndex(
                name: "IX_Incidents_ReportDueAt",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "ProjectSuspendedAt",
                table: "RoomBookings");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "ClosedBy",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "ClosingNote",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "Feedback",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "FeedbackAt",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "FeedbackRecordedBy",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "ReportChannel",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "ReportDueAt",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "ReportReference",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "ReportedAt",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "ReportedBy",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "ResumeNote",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "ResumedAt",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "ResumedBy",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "SuspendReason",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "SuspendedAt",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "SuspendedBy",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "TerminatedAt",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "TerminatedBy",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "TerminationReason",
                table: "Incidents");
        }
    }
}
