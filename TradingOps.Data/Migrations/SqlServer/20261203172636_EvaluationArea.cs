using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingOps.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class EvaluationArea : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "RoomId",
                table: "PairedDevices",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AgencyPasses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BookingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    ProtectedName = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    IdFingerprint = table.Column<string>(type: "nchar(64)", fixedLength: true, maxLength: 64, nullable: false),
                    IdMasked = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Agency = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ValidFrom = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ValidUntil = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Supervisor = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    IssuedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgencyPasses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgencyPasses_RoomBookings_BookingId",
                        column: x => x.BookingId,
                        principalTable: "RoomBookings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DrawRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BookingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RoomId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ProjectCode = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    ProjectName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Initiator = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Agency = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    StartsAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Source = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    ExcludedEmployers = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    RecentServiceDays = table.Column<int>(type: "int", nullable: false),
                    Remote = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    RemotePartner = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    RemoteSeats = table.Column<int>(type: "int", nullable: false),
                    RequestedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    OperatorName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    OperatorAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ConfirmedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ConfirmedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    DrawnAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DrawRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DrawRequests_RoomBookings_BookingId",
                        column: x => x.BookingId,
                        principalTable: "RoomBookings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DrawRequests_Rooms_RoomId",
                        column: x => x.RoomId,
                        principalTable: "Rooms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationAlerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    BookingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RoomId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RoomCode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false),
                    Detail = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    RaisedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ResolvedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Resolution = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationAlerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationAlerts_RoomBookings_BookingId",
                        column: x => x.BookingId,
                        principalTable: "RoomBookings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Experts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Code = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    ProtectedName = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    ProtectedIdNumber = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    IdFingerprint = table.Column<string>(type: "nchar(64)", fixedLength: true, maxLength: 64, nullable: false),
                    IdMasked = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    ProtectedPhone = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    PhoneMasked = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    Employer = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Region = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Specialties = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    StatusReason = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Source = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    AddedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Experts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ExpertSpecialties",
                columns: table => new
                {
                    Code = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Category = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExpertSpecialties", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "GateEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    BookingId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RoomId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Person = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    IdFingerprint = table.Column<string>(type: "nchar(64)", fixedLength: true, maxLength: 64, nullable: false),
                    IdMasked = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    DeviceId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RequestId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    By = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GateEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GateEvents_PairedDevices_DeviceId",
                        column: x => x.DeviceId,
                        principalTable: "PairedDevices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DrawRounds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RequestId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BookingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    SpecialtyCode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    Wanted = table.Column<int>(type: "int", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ReplacesMemberId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    OperatorName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    ConfirmedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CandidateCount = table.Column<int>(type: "int", nullable: false),
                    CandidatesJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CandidatesHash = table.Column<string>(type: "nchar(64)", fixedLength: true, maxLength: 64, nullable: false),
                    ExclusionsJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    RandomJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    PicksJson = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DrawRounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DrawRounds_DrawRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "DrawRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CommitteeMembers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RedrawRequestedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    RedrawRequestedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    RedrawReason = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    RequestId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BookingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RoomId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    ExpertId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ExpertCode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    SpecialtyCode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    RoundId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Order = table.Column<int>(type: "int", nullable: false),
                    ProtectedName = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    ProtectedIdNumber = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    IdFingerprint = table.Column<string>(type: "nchar(64)", fixedLength: true, maxLength: 64, nullable: false),
                    IdMasked = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    ProtectedPhone = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    PhoneMasked = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    Employer = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    AddedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Outcome = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    OutcomeAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    OutcomeBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    OutcomeNote = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ReplacedById = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommitteeMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommitteeMembers_DrawRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "DrawRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CommitteeMembers_Experts_ExpertId",
                        column: x => x.ExpertId,
                        principalTable: "Experts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ExpertUnavailabilities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ExpertId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    From = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Until = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    By = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExpertUnavailabilities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExpertUnavailabilities_Experts_ExpertId",
                        column: x => x.ExpertId,
                        principalTable: "Experts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DrawQuotas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RequestId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SpecialtyCode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DrawQuotas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DrawQuotas_DrawRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "DrawRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DrawQuotas_ExpertSpecialties_SpecialtyCode",
                        column: x => x.SpecialtyCode,
                        principalTable: "ExpertSpecialties",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DrawImports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DeviceId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ExternalRequestId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    BookingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DrawRequestId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RoundId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ProvincialDrawNo = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    Members = table.Column<int>(type: "int", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "ExpertEngagements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MemberId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BookingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    IdFingerprint = table.Column<string>(type: "nchar(64)", fixedLength: true, maxLength: 64, nullable: false),
                    Slot = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExpertEngagements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExpertEngagements_CommitteeMembers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "CommitteeMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GateAdmissions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BookingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RoomId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Person = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    MemberId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    PassId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    IdFingerprint = table.Column<string>(type: "nchar(64)", fixedLength: true, maxLength: 64, nullable: false),
                    IdMasked = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Seat = table.Column<int>(type: "int", nullable: true),
                    Locker = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    DeviceId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    By = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    AdmittedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ExitedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ReEntries = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GateAdmissions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GateAdmissions_AgencyPasses_PassId",
                        column: x => x.PassId,
                        principalTable: "AgencyPasses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GateAdmissions_CommitteeMembers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "CommitteeMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GateAdmissions_PairedDevices_DeviceId",
                        column: x => x.DeviceId,
                        principalTable: "PairedDevices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GateAdmissions_RoomBookings_BookingId",
                        column: x => x.BookingId,
                        principalTable: "RoomBookings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GateAdmissions_Rooms_RoomId",
                        column: x => x.RoomId,
                        principalTable: "Rooms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PairedDevices_RoomId",
                table: "PairedDevices",
                column: "RoomId");

            migrationBuilder.CreateIndex(
                name: "IX_AgencyPasses_BookingId_IdFingerprint",
                table: "AgencyPasses",
                columns: new[] { "BookingId", "IdFingerprint" });

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeMembers_BookingId_IdFingerprint",
                table: "CommitteeMembers",
                columns: new[] { "BookingId", "IdFingerprint" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeMembers_ExpertId_StartsAt",
                table: "CommitteeMembers",
                columns: new[] { "ExpertId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeMembers_IdFingerprint",
                table: "CommitteeMembers",
                column: "IdFingerprint");

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeMembers_RequestId",
                table: "CommitteeMembers",
                column: "RequestId");

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

            migrationBuilder.CreateIndex(
                name: "IX_DrawQuotas_RequestId_SpecialtyCode",
                table: "DrawQuotas",
                columns: new[] { "RequestId", "SpecialtyCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DrawQuotas_SpecialtyCode",
                table: "DrawQuotas",
                column: "SpecialtyCode");

            migrationBuilder.CreateIndex(
                name: "IX_DrawRequests_BookingId",
                table: "DrawRequests",
                column: "BookingId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DrawRequests_RoomId",
                table: "DrawRequests",
                column: "RoomId");

            migrationBuilder.CreateIndex(
                name: "IX_DrawRequests_StartsAt",
                table: "DrawRequests",
                column: "StartsAt");

            migrationBuilder.CreateIndex(
                name: "IX_DrawRounds_RequestId_At",
                table: "DrawRounds",
                columns: new[] { "RequestId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationAlerts_BookingId",
                table: "EvaluationAlerts",
                column: "BookingId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationAlerts_Kind_BookingId_Subject",
                table: "EvaluationAlerts",
                columns: new[] { "Kind", "BookingId", "Subject" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationAlerts_ResolvedAt_RaisedAt",
                table: "EvaluationAlerts",
                columns: new[] { "ResolvedAt", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ExpertEngagements_IdFingerprint_Slot",
                table: "ExpertEngagements",
                columns: new[] { "IdFingerprint", "Slot" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ExpertEngagements_MemberId",
                table: "ExpertEngagements",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Experts_Code",
                table: "Experts",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Experts_IdFingerprint",
                table: "Experts",
                column: "IdFingerprint",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Experts_Status",
                table: "Experts",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_ExpertUnavailabilities_ExpertId_Until",
                table: "ExpertUnavailabilities",
                columns: new[] { "ExpertId", "Until" });

            migrationBuilder.CreateIndex(
                name: "IX_GateAdmissions_BookingId_IdFingerprint",
                table: "GateAdmissions",
                columns: new[] { "BookingId", "IdFingerprint" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GateAdmissions_BookingId_Seat",
                table: "GateAdmissions",
                columns: new[] { "BookingId", "Seat" },
                unique: true,
                filter: "[Seat] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_GateAdmissions_Day_Locker",
                table: "GateAdmissions",
                columns: new[] { "Day", "Locker" },
                unique: true,
                filter: "[Locker] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_GateAdmissions_DeviceId",
                table: "GateAdmissions",
                column: "DeviceId");

            migrationBuilder.CreateIndex(
                name: "IX_GateAdmissions_IdFingerprint",
                table: "GateAdmissions",
                column: "IdFingerprint");

            migrationBuilder.CreateIndex(
                name: "IX_GateAdmissions_MemberId",
                table: "GateAdmissions",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_GateAdmissions_PassId",
                table: "GateAdmissions",
                column: "PassId");

            migrationBuilder.CreateIndex(
                name: "IX_GateAdmissions_RoomId",
                table: "GateAdmissions",
                column: "RoomId");

            migrationBuilder.CreateIndex(
                name: "IX_GateEvents_At",
                table: "GateEvents",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_GateEvents_BookingId_At",
                table: "GateEvents",
                columns: new[] { "BookingId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_GateEvents_DeviceId_RequestId",
                table: "GateEvents",
                columns: new[] { "DeviceId", "RequestId" },
                unique: true,
                filter: "[DeviceId] IS NOT NULL AND [RequestId] IS NOT NULL");

            migrationBuilder.AddForeignKey(
                name: "FK_PairedDevices_Rooms_RoomId",
                table: "PairedDevices",
                column: "RoomId",
                principalTable: "Rooms",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_PairedDevices_Rooms_RoomId",
                table: "PairedDevices");

            migrationBuilder.DropTable(
                name: "DrawImports");

            migrationBuilder.DropTable(
                name: "DrawQuotas");

            migrationBuilder.DropTable(
                name: "EvaluationAlerts");

            migrationBuilder.DropTable(
                name: "ExpertEngagements");

            migrationBuilder.DropTable(
                name: "ExpertUnavailabilities");

            migrationBuilder.DropTable(
                name: "GateAdmissions");

            migrationBuilder.DropTable(
                name: "GateEvents");

            migrationBuilder.DropTable(
                name: "DrawRounds");

            migrationBuilder.DropTable(
                name: "ExpertSpecialties");

            migrationBuilder.DropTable(
                name: "AgencyPasses");

            migrationBuilder.DropTable(
                name: "CommitteeMembers");

            migrationBuilder.DropTable(
                name: "DrawRequests");

            migrationBuilder.DropTable(
                name: "Experts");

            migrationBuilder.DropIndex(
                name: "IX_PairedDevices_RoomId",
                table: "PairedDevices");

            migrationBuilder.DropColumn(
                name: "RoomId",
                table: "PairedDevices");
        }
    }
}
