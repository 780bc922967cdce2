using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingOps.Data.Migrations.SqlServer
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
                type: "nvarchar(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ServedByUserId",
                table: "QueueTickets",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SatisfactionDisclosures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    VerySatisfied = table.Column<int>(type: "int", nullable: false),
                    Satisfied = table.Column<int>(type: "int", nullable: false),
                    Acceptable = table.Column<int>(type: "int", nullable: false),
                    Dissatisfied = table.Column<int>(type: "int", nullable: false),
                    VeryDissatisfied = table.Column<int>(type: "int", nullable: false),
                    Rate = table.Column<decimal>(type: "decimal(9,6)", precision: 9, scale: 6, nullable: true),
                    FollowUpsClosed = table.Column<int>(type: "int", nullable: false),
                    FollowUpsOpen = table.Column<int>(type: "int", nullable: false),
                    FollowUpsOverdue = table.Column<int>(type: "int", nullable: false),
                    Lines = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
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
