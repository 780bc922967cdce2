using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingOps.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class I19Certificate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "TicketId",
                table: "SatisfactionRatings",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AlterColumn<Guid>(
                name: "ServiceTypeId",
                table: "SatisfactionRatings",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<Guid>(
                name: "BookingId",
                table: "SatisfactionRatings",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Service",
                table: "SatisfactionRatings",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Window");

            migrationBuilder.AlterColumn<Guid>(
                name: "TicketId",
                table: "RatingFollowUps",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<Guid>(
                name: "BookingId",
                table: "RatingFollowUps",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SessionRatingInvites",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BookingId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Token = table.Column<string>(type: "character(32)", fixedLength: true, maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionRatingInvites", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionRatingInvites_RoomBookings_BookingId",
                        column: x => x.BookingId,
                        principalTable: "RoomBookings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WitnessCertificates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(14)", maxLength: 14, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Serial = table.Column<int>(type: "integer", nullable: false),
                    ProjectCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ChainKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProjectName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Initiator = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Agency = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SessionsJson = table.Column<string>(type: "character varying(16000)", maxLength: 16000, nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    IssuedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    HeadSequence = table.Column<long>(type: "bigint", nullable: false),
                    HeadHash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    PrintCount = table.Column<int>(type: "integer", nullable: false),
                    LastPrintedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    RevokeReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WitnessCertificates", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionRatings_BookingId_Service",
                table: "SatisfactionRatings",
                columns: new[] { "BookingId", "Service" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RatingFollowUps_BookingId",
                table: "RatingFollowUps",
                column: "BookingId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionRatingInvites_BookingId",
                table: "SessionRatingInvites",
                column: "BookingId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SessionRatingInvites_Token",
                table: "SessionRatingInvites",
                column: "Token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WitnessCertificates_ChainKey",
                table: "WitnessCertificates",
                column: "ChainKey",
                unique: true,
                filter: "\"RevokedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_WitnessCertificates_Number",
                table: "WitnessCertificates",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WitnessCertificates_Year_Serial",
                table: "WitnessCertificates",
                columns: new[] { "Year", "Serial" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_SatisfactionRatings_RoomBookings_BookingId",
                table: "SatisfactionRatings",
                column: "BookingId",
                principalTable: "RoomBookings",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_SatisfactionRatings_RoomBookings_BookingId",
                table: "SatisfactionRatings");

            migrationBuilder.DropTable(
                name: "SessionRatingInvites");

            migrationBuilder.DropTable(
                name: "WitnessCertificates");

            migrationBuilder.DropIndex(
                name: "IX_SatisfactionRatings_BookingId_Service",
                table: "SatisfactionRatings");

            migrationBuilder.DropIndex(
                name: "IX_RatingFollowUps_BookingId",
                table: "RatingFollowUps");

            migrationBuilder.DropColumn(
                name: "BookingId",
                table: "SatisfactionRatings");

            migrationBuilder.DropColumn(
                name: "Service",
                table: "SatisfactionRatings");

            migrationBuilder.DropColumn(
                name: "BookingId",
                table: "RatingFollowUps");

            migrationBuilder.AlterColumn<Guid>(
                name: "TicketId",
                table: "SatisfactionRatings",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "ServiceTypeId",
                table: "SatisfactionRatings",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "TicketId",
                table: "RatingFollowUps",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
