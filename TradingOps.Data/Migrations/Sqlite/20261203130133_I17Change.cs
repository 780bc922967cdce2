using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingOps.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class I17Change : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BookingChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BookingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FromRoomId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FromStartsAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FromEndsAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RoomId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    By = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    RelatedBookingId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BookingChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BookingChanges_RoomBookings_BookingId",
                        column: x => x.BookingId,
                        principalTable: "RoomBookings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BookingChanges_At",
                table: "BookingChanges",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_BookingChanges_BookingId_At",
                table: "BookingChanges",
                columns: new[] { "BookingId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BookingChanges");
        }
    }
}
