using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingOps.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class QueueAndSatisfaction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClerkName",
                table: "ServiceWindows",
                type: "nvarchar(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClerkUserId",
                table: "ServiceWindows",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PauseReason",
                table: "ServiceWindows",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PausedAt",
                table: "ServiceWindows",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SignedOnAt",
                table: "ServiceWindows",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "QueueTickets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ServiceTypeId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ServiceDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Number = table.Column<int>(type: "int", nullable: false),
                    Code = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ArrivedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Channel = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    IsPriority = table.Column<bool>(type: "bit", nullable: false),
                    PriorityReason = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Status = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    TargetWindowId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    WindowId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CalledAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    FirstCalledAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    RecallCount = table.Column<int>(type: "int", nullable: false),
                    ServingStartedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Outcome = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    OutcomeNote = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    RatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    RatingToken = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueueTickets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QueueTickets_ServiceTypes_ServiceTypeId",
                        column: x => x.ServiceTypeId,
                        principalTable: "ServiceTypes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_QueueTickets_ServiceWindows_TargetWindowId",
                        column: x => x.TargetWindowId,
                        principalTable: "ServiceWindows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_QueueTickets_ServiceWindows_WindowId",
                        column: x => x.WindowId,
                        principalTable: "ServiceWindows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SatisfactionRatings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TicketId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ServiceTypeId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    WindowId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Level = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Reasons = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Comment = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    Channel = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SatisfactionRatings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SatisfactionRatings_QueueTickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "QueueTickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TicketEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TicketId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ServiceTypeId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    WindowId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Detail = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TicketEvents_QueueTickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "QueueTickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RatingFollowUps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RatingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TicketId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ContactDueAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ResolveDueAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ContactedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ContactNote = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Resolution = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ClosedBy = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RatingFollowUps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RatingFollowUps_SatisfactionRatings_RatingId",
                        column: x => x.RatingId,
                        principalTable: "SatisfactionRatings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QueueTickets_RatingToken",
                table: "QueueTickets",
                column: "RatingToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QueueTickets_ServiceDate_Code",
                table: "QueueTickets",
                columns: new[] { "ServiceDate", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QueueTickets_ServiceDate_Status",
                table: "QueueTickets",
                columns: new[] { "ServiceDate", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_QueueTickets_ServiceTypeId",
                table: "QueueTickets",
                column: "ServiceTypeId");

            migrationBuilder.CreateIndex(
                name: "IX_QueueTickets_TargetWindowId",
                table: "QueueTickets",
                column: "TargetWindowId");

            migrationBuilder.CreateIndex(
                name: "IX_QueueTickets_WindowId",
                table: "QueueTickets",
                column: "WindowId");

            migrationBuilder.CreateIndex(
                name: "IX_RatingFollowUps_ClosedAt",
                table: "RatingFollowUps",
                column: "ClosedAt");

            migrationBuilder.CreateIndex(
                name: "IX_RatingFollowUps_RatingId",
                table: "RatingFollowUps",
                column: "RatingId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionRatings_At",
                table: "SatisfactionRatings",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionRatings_TicketId",
                table: "SatisfactionRatings",
                column: "TicketId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TicketEvents_At_Kind",
                table: "TicketEvents",
                columns: new[] { "At", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_TicketEvents_TicketId",
                table: "TicketEvents",
                column: "TicketId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RatingFollowUps");

            migrationBuilder.DropTable(
                name: "TicketEvents");

            migrationBuilder.DropTable(
                name: "SatisfactionRatings");

            migrationBuilder.DropTable(
                name: "QueueTickets");

            migrationBuilder.DropColumn(
                name: "ClerkName",
                table: "ServiceWindows");

            migrationBuilder.DropColumn(
                name: "ClerkUserId",
                table: "ServiceWindows");

            migrationBuilder.DropColumn(
                name: "PauseReason",
                table: "ServiceWindows");

            migrationBuilder.DropColumn(
                name: "PausedAt",
                table: "ServiceWindows");

            migrationBuilder.DropColumn(
                name: "SignedOnAt",
                table: "ServiceWindows");
        }
    }
}
