using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingOps.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClerkBinding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClerkUserId",
                table: "ServiceWindows");

            migrationBuilder.DropColumn(
                name: "ServedByUserId",
                table: "QueueTickets");

            migrationBuilder.AddColumn<Guid>(
                name: "StaffId",
                table: "TicketEvents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ClerkStaffId",
                table: "ServiceWindows",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastActionAt",
                table: "ServiceWindows",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TakeOverReason",
                table: "ServiceWindows",
                type: "TEXT",
                maxLength: 211,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "StaffId",
                table: "SatisfactionRatings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ServedByStaffId",
                table: "QueueTickets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_TicketEvents_StaffId",
                table: "TicketEvents",
                column: "StaffId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceWindows_ClerkStaffId",
                table: "ServiceWindows",
                column: "ClerkStaffId");

            migrationBuilder.CreateIndex(
                name: "IX_QueueTickets_ServedByStaffId",
                table: "QueueTickets",
                column: "ServedByStaffId");

            migrationBuilder.AddForeignKey(
                name: "FK_QueueTickets_Staff_ServedByStaffId",
                table: "QueueTickets",
                column: "ServedByStaffId",
                principalTable: "Staff",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_ServiceWindows_Staff_ClerkStaffId",
                table: "ServiceWindows",
                column: "ClerkStaffId",
                principalTable: "Staff",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_QueueTickets_Staff_ServedByStaffId",
                table: "QueueTickets");

            migrationBuilder.DropForeignKey(
                name: "FK_ServiceWindows_Staff_ClerkStaffId",
                table: "ServiceWindows");

            migrationBuilder.DropIndex(
                name: "IX_TicketEvents_StaffId",
                table: "TicketEvents");

            migrationBuilder.DropIndex(
                name: "IX_ServiceWindows_ClerkStaffId",
                table: "ServiceWindows");

            migrationBuilder.DropIndex(
                name: "IX_QueueTickets_ServedByStaffId",
                table: "QueueTickets");

            migrationBuilder.DropColumn(
                name: "StaffId",
                table: "TicketEvents");

            migrationBuilder.DropColumn(
                name: "ClerkStaffId",
                table: "ServiceWindows");

            migrationBuilder.DropColumn(
                name: "LastActionAt",
                table: "ServiceWindows");

            migrationBuilder.DropColumn(
                name: "TakeOverReason",
                table: "ServiceWindows");

            migrationBuilder.DropColumn(
                name: "StaffId",
                table: "SatisfactionRatings");

            migrationBuilder.DropColumn(
                name: "ServedByStaffId",
                table: "QueueTickets");

            migrationBuilder.AddColumn<string>(
                name: "ClerkUserId",
                table: "ServiceWindows",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ServedByUserId",
                table: "QueueTickets",
                type: "TEXT",
                maxLength: 450,
                nullable: true);
        }
    }
}
