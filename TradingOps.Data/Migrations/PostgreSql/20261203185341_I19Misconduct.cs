using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingOps.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class I19Misconduct : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MisconductRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: true),
                    BookingId = table.Column<Guid>(type: "uuid", nullable: true),
                    Party = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PartyName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ExpertCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OnTheSpot = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Evidence = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    FoundAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueProvisional = table.Column<bool>(type: "boolean", nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ReportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReportedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReportReference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Feedback = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    FeedbackAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FeedbackBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MisconductRecords", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MisconductRecords_FoundAt",
                table: "MisconductRecords",
                column: "FoundAt");

            migrationBuilder.CreateIndex(
                name: "IX_MisconductRecords_ProjectCode",
                table: "MisconductRecords",
                column: "ProjectCode");

            migrationBuilder.CreateIndex(
                name: "IX_MisconductRecords_State_DueAt",
                table: "MisconductRecords",
                columns: new[] { "State", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MisconductRecords");
        }
    }
}
