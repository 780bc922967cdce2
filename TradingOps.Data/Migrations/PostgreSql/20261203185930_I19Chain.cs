using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingOps.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class I19Chain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WitnessAnchors",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Digest = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    Chains = table.Column<int>(type: "integer", nullable: false),
                    FileName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    WrittenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WitnessAnchors", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WitnessAnchors_Day",
                table: "WitnessAnchors",
                column: "Day",
                unique: true);

            // The database refuses UPDATE and DELETE on the witness log (hand edit: the one raw SQL call, see WitnessLogGuard).
            migrationBuilder.Sql(TradingOps.Data.Witness.WitnessLogGuard.CreateSql(migrationBuilder.ActiveProvider));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(TradingOps.Data.Witness.WitnessLogGuard.DropSql(migrationBuilder.ActiveProvider));

            migrationBuilder.DropTable(
                name: "WitnessAnchors");
        }
    }
}
