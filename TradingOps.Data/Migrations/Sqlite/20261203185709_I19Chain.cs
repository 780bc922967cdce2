using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingOps.Data.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Digest = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    Chains = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    WrittenAt = table.Column<long>(type: "INTEGER", nullable: false)
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
