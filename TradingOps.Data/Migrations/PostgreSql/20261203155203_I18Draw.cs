using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingOps.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class I18Draw : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RedrawReason",
                table: "CommitteeMembers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RedrawRequestedAt",
                table: "CommitteeMembers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RedrawRequestedBy",
                table: "CommitteeMembers",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RedrawReason",
                table: "CommitteeMembers");

            migrationBuilder.DropColumn(
                name: "RedrawRequestedAt",
                table: "CommitteeMembers");

            migrationBuilder.DropColumn(
                name: "RedrawRequestedBy",
                table: "CommitteeMembers");
        }
    }
}
