using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingOps.Data.Migrations.SqlServer
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Digest = table.Column<string>(type: "nchar(64)", fixedLength: true, maxLength: 64, nullable: false),
                    Chains = table.Column<int>(type: "int", nullable: false),
                    FileName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    WrittenAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
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
