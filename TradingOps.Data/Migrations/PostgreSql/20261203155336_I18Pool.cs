using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingOps.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class I18Pool : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DrawImports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DeviceId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExternalRequestId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    BookingId = table.Column<Guid>(type: "uuid", nullable: false),
                    DrawRequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProvincialDrawNo = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Members = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DrawImports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DrawImports_DrawRequests_DrawRequestId",
                        column: x => x.DrawRequestId,
                        principalTable: "DrawRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DrawImports_DrawRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "DrawRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DrawImports_PairedDevices_DeviceId",
                        column: x => x.DeviceId,
                        principalTable: "PairedDevices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DrawImports_BookingId",
                table: "DrawImports",
                column: "BookingId");

            migrationBuilder.CreateIndex(
                name: "IX_DrawImports_DeviceId_ExternalRequestId",
                table: "DrawImports",
                columns: new[] { "DeviceId", "ExternalRequestId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DrawImports_DrawRequestId",
                table: "DrawImports",
                column: "DrawRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_DrawImports_RoundId",
                table: "DrawImports",
                column: "RoundId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DrawImports");
        }
    }
}
