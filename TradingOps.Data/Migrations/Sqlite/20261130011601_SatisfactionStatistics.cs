using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingOps.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SatisfactionStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ServedByName",
                table: "QueueTickets",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ServedByUserId",
                table: "QueueTickets",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SatisfactionDisclosures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    VerySatisfied = table.Column<int>(type: "INTEGER", nullable: false),
                    Satisfied = table.Column<int>(type: "INTEGER", nullable: false),
                    Acceptable = table.Column<int>(type: "INTEGER", nullable: false),
                    Dissatisfied = table.Column<int>(type: "INTEGER", nullable: false),
                    VeryDissatisfied = table.Column<int>(type: "INTEGER", nullable: false),
                    Rate = table.Column<double>(type: "REAL", precision: 9, scale: 6, nullable: true),
                    FollowUpsClosed = table.Column<int>(type: "INTEGER", nullable: false),
                    FollowUpsOpen = table.Column<int>(type: "INTEGER", nullable: false),
                    FollowUpsOverdue = table.Column<int>(type: "INTEGER", nullable: false),
                    Lines = table.Column<string>(type: "TEXT", nullable: false),
                    ComputedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SatisfactionDisclosures", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Registrations_CompletedAt",
                table: "Registrations",
                column: "CompletedAt");

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionDisclosures_Kind_PeriodStart",
                table: "SatisfactionDisclosures",
                columns: new[] { "Kind", "PeriodStart" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SatisfactionDisclosures");

            migrationBuilder.DropIndex(
                name: "IX_Registrations_CompletedAt",
                table: "Registrations");

            migrationBuilder.DropColumn(
                name: "ServedByName",
                table: "QueueTickets");

            migrationBuilder.DropColumn(
                name: "ServedByUserId",
                table: "QueueTickets");
        }
    }
}
