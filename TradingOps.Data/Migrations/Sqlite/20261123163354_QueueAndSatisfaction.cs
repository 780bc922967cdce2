using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingOps.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClerkUserId",
                table: "ServiceWindows",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PauseReason",
                table: "ServiceWindows",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PausedAt",
                table: "ServiceWindows",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SignedOnAt",
                table: "ServiceWindows",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "QueueTickets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceTypeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ArrivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IsPriority = table.Column<bool>(type: "INTEGER", nullable: false),
                    PriorityReason = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TargetWindowId = table.Column<Guid>(type: "TEXT", nullable: true),
                    WindowId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CalledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FirstCalledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RecallCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ServingStartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    OutcomeNote = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RatingToken = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceTypeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WindowId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Level = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Reasons = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ServiceTypeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WindowId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RatingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ContactDueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolveDueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ContactedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ContactNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true)
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
