using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingOps.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Witnessing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SatisfactionRatings_TicketId",
                table: "SatisfactionRatings");

            migrationBuilder.AlterColumn<Guid>(
                name: "TicketId",
                table: "SatisfactionRatings",
                type: "uniqueidentifier",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uniqueidentifier");

            migrationBuilder.AlterColumn<Guid>(
                name: "ServiceTypeId",
                table: "SatisfactionRatings",
                type: "uniqueidentifier",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uniqueidentifier");

            migrationBuilder.AddColumn<Guid>(
                name: "BookingId",
                table: "SatisfactionRatings",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Service",
                table: "SatisfactionRatings",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Window");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ProjectSuspendedAt",
                table: "RoomBookings",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "TicketId",
                table: "RatingFollowUps",
                type: "uniqueidentifier",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uniqueidentifier");

            migrationBuilder.AddColumn<Guid>(
                name: "BookingId",
                table: "RatingFollowUps",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Incidents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ProjectCode = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    ProjectId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    BookingId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Category = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Scope = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    OpenedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    State = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    SuspendedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    SuspendedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    SuspendReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ResumedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ResumedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ResumeNote = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    TerminatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    TerminatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    TerminationReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ClosedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ClosingNote = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ReportDueAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ReportedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ReportedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ReportChannel = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    ReportReference = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    FeedbackAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    FeedbackRecordedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Feedback = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Incidents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MisconductRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ProjectCode = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    ProjectId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    BookingId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Party = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    PartyName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    ExpertCode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    Category = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    OnTheSpot = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    Evidence = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    FoundAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RecordedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    DueProvisional = table.Column<bool>(type: "bit", nullable: false),
                    State = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    ReportedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ReportedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ReportReference = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Feedback = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    FeedbackAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    FeedbackBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ClosedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MisconductRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SessionRatingInvites",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BookingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ProjectCode = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Token = table.Column<string>(type: "nchar(32)", fixedLength: true, maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "WitnessAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BookingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    DisplayName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    AssignedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    AssignedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WitnessAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WitnessAssignments_RoomBookings_BookingId",
                        column: x => x.BookingId,
                        principalTable: "RoomBookings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WitnessCertificates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Number = table.Column<string>(type: "nvarchar(14)", maxLength: 14, nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Serial = table.Column<int>(type: "int", nullable: false),
                    ProjectCode = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    ChainKey = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    ProjectId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ProjectName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Initiator = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Agency = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    SessionsJson = table.Column<string>(type: "nvarchar(max)", maxLength: 16000, nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    IssuedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    HeadSequence = table.Column<long>(type: "bigint", nullable: false),
                    HeadHash = table.Column<string>(type: "nchar(64)", fixedLength: true, maxLength: 64, nullable: false),
                    PrintCount = table.Column<int>(type: "int", nullable: false),
                    LastPrintedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    RevokedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    RevokeReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WitnessCertificates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WitnessChainHeads",
                columns: table => new
                {
                    ChainKey = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<string>(type: "nchar(64)", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WitnessChainHeads", x => x.ChainKey);
                });

            migrationBuilder.CreateTable(
                name: "WitnessEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ChainKey = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    ProjectCode = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    ProjectId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    BookingId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Kind = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Code = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: true),
                    Text = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    Data = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    OccurredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Actor = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    CorrectsId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    FlagReason = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    PreviousHash = table.Column<string>(type: "nchar(64)", fixedLength: true, maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "nchar(64)", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WitnessEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IncidentNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    IncidentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MessageId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncidentNotices_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IncidentNotices_OutboxMessages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "OutboxMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IncidentTicks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    IncidentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ItemCode = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    TickedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    TickedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentTicks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncidentTicks_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionRatings_BookingId_Service",
                table: "SatisfactionRatings",
                columns: new[] { "BookingId", "Service" },
                unique: true,
                filter: "[BookingId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionRatings_TicketId",
                table: "SatisfactionRatings",
                column: "TicketId",
                unique: true,
                filter: "[TicketId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_RatingFollowUps_BookingId",
                table: "RatingFollowUps",
                column: "BookingId");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentNotices_IncidentId_MessageId",
                table: "IncidentNotices",
                columns: new[] { "IncidentId", "MessageId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IncidentNotices_MessageId",
                table: "IncidentNotices",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_BookingId",
                table: "Incidents",
                column: "BookingId");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_OpenedAt",
                table: "Incidents",
                column: "OpenedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_ProjectCode_State",
                table: "Incidents",
                columns: new[] { "ProjectCode", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_ReportDueAt",
                table: "Incidents",
                column: "ReportDueAt");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentTicks_IncidentId_ItemCode",
                table: "IncidentTicks",
                columns: new[] { "IncidentId", "ItemCode" },
                unique: true);

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
                name: "IX_WitnessAnchors_Day",
                table: "WitnessAnchors",
                column: "Day",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WitnessAssignments_BookingId",
                table: "WitnessAssignments",
                column: "BookingId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WitnessAssignments_UserName",
                table: "WitnessAssignments",
                column: "UserName");

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

            migrationBuilder.CreateIndex(
                name: "IX_WitnessEntries_BookingId_Sequence",
                table: "WitnessEntries",
                columns: new[] { "BookingId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_WitnessEntries_ChainKey_Sequence",
                table: "WitnessEntries",
                columns: new[] { "ChainKey", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WitnessEntries_RecordedAt",
                table: "WitnessEntries",
                column: "RecordedAt");

            migrationBuilder.AddForeignKey(
                name: "FK_SatisfactionRatings_RoomBookings_BookingId",
                table: "SatisfactionRatings",
                column: "BookingId",
                principalTable: "RoomBookings",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // The database refuses UPDATE and DELETE on the witness log (hand edit: the one raw SQL call, see WitnessLogGuard).
            migrationBuilder.Sql(TradingOps.Data.Witness.WitnessLogGuard.CreateSql(migrationBuilder.ActiveProvider));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(TradingOps.Data.Witness.WitnessLogGuard.DropSql(migrationBuilder.ActiveProvider));

            migrationBuilder.DropForeignKey(
                name: "FK_SatisfactionRatings_RoomBookings_BookingId",
                table: "SatisfactionRatings");

            migrationBuilder.DropTable(
                name: "IncidentNotices");

            migrationBuilder.DropTable(
                name: "IncidentTicks");

            migrationBuilder.DropTable(
                name: "MisconductRecords");

            migrationBuilder.DropTable(
                name: "SessionRatingInvites");

            migrationBuilder.DropTable(
                name: "WitnessAnchors");

            migrationBuilder.DropTable(
                name: "WitnessAssignments");

            migrationBuilder.DropTable(
                name: "WitnessCertificates");

            migrationBuilder.DropTable(
                name: "WitnessChainHeads");

            migrationBuilder.DropTable(
                name: "WitnessEntries");

            migrationBuilder.DropTable(
                name: "Incidents");

            migrationBuilder.DropIndex(
                name: "IX_SatisfactionRatings_BookingId_Service",
                table: "SatisfactionRatings");

            migrationBuilder.DropIndex(
                name: "IX_SatisfactionRatings_TicketId",
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
                name: "ProjectSuspendedAt",
                table: "RoomBookings");

            migrationBuilder.DropColumn(
                name: "BookingId",
                table: "RatingFollowUps");

            migrationBuilder.AlterColumn<Guid>(
                name: "TicketId",
                table: "SatisfactionRatings",
                type: "uniqueidentifier",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uniqueidentifier",
                oldNullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "ServiceTypeId",
                table: "SatisfactionRatings",
                type: "uniqueidentifier",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uniqueidentifier",
                oldNullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "TicketId",
                table: "RatingFollowUps",
                type: "uniqueidentifier",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uniqueidentifier",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionRatings_TicketId",
                table: "SatisfactionRatings",
                column: "TicketId",
                unique: true);
        }
    }
}
