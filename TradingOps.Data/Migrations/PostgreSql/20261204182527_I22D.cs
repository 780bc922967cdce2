using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TradingOps.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class I22D : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Number",
                table: "DeficiencyNotices",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ResubmitBy",
                table: "DeficiencyNotices",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ResubmitWorkingDays",
                table: "DeficiencyNotices",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RegistrationSubmissions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AnswersNotice = table.Column<int>(type: "integer", nullable: true),
                    RequestedMaterials = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    HandedIn = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RegistrationId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegistrationSubmissions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RegistrationSubmissions_Registrations_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "Registrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DeficiencyNotices_Number",
                table: "DeficiencyNotices",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RegistrationSubmissions_RegistrationId",
                table: "RegistrationSubmissions",
                column: "RegistrationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RegistrationSubmissions");

            migrationBuilder.DropIndex(
                name: "IX_DeficiencyNotices_Number",
                table: "DeficiencyNotices");

            migrationBuilder.DropColumn(
                name: "Number",
                table: "DeficiencyNotices");

            migrationBuilder.DropColumn(
                name: "ResubmitBy",
                table: "DeficiencyNotices");

            migrationBuilder.DropColumn(
                name: "ResubmitWorkingDays",
                table: "DeficiencyNotices");
        }
    }
}
