using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace TradingOps.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Registration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Consultations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Channel = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Topic = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Enquirer = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Contact = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    Question = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    Answer = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    FirstResponder = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    ReferredTo = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    FollowUpDueAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    FollowUpNote = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Consultations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MaterialChecklistItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Category = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Required = table.Column<bool>(type: "bit", nullable: false),
                    SortOrder = table.Column<int>(type: "int", nullable: false),
                    Note = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MaterialChecklistItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Registrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Code = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    ProjectName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Method = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Initiator = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Agency = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    ContactName = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    ContactPhone = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    Amount = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    BidOpeningAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Channel = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    SubmittedBy = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    LastSubmittedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    SubmittedMaterials = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    GreenChannel = table.Column<bool>(type: "bit", nullable: false),
                    GreenChannelReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Reviewer = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    ReviewStartedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ResponsibleStaffId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    PointsToObserve = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    MissingMaterialsDueAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    MissingMaterials = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    MissingMaterialsReceivedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    RejectionReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ProjectId = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Registrations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Registrations_Staff_ResponsibleStaffId",
                        column: x => x.ResponsibleStaffId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Registrations_TradingProjects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "TradingProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DeficiencyNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RegistrationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Sequence = table.Column<int>(type: "int", nullable: false),
                    IssuedBy = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeficiencyNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeficiencyNotices_Registrations_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "Registrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RegistrationRoomSlots",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RoomId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Start = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    End = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Purpose = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Confirmed = table.Column<bool>(type: "bit", nullable: false),
                    RegistrationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegistrationRoomSlots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RegistrationRoomSlots_Registrations_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "Registrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RegistrationRoomSlots_Rooms_RoomId",
                        column: x => x.RoomId,
                        principalTable: "Rooms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DeficiencyItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Material = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Note = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    NoticeId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeficiencyItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeficiencyItems_DeficiencyNotices_NoticeId",
                        column: x => x.NoticeId,
                        principalTable: "DeficiencyNotices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "MaterialChecklistItems",
                columns: new[] { "Id", "Category", "Name", "Note", "Required", "SortOrder" },
                values: new object[,]
                {
                    { new Guid("5a2f0000-0000-7000-8000-000000000101"), "Engineering", "公共资源进场交易申请表", "辽宁 DB21 6.2.2", true, 10 },
                    { new Guid("5a2f0000-0000-7000-8000-000000000102"), "Engineering", "省招标投标监管网项目备案表", "辽宁 DB21 6.2.2", true, 20 },
                    { new Guid("5a2f0000-0000-7000-8000-000000000201"), "GovernmentProcurement", "公共资源进场交易申请表", "辽宁 DB21 6.2.2", true, 10 },
                    { new Guid("5a2f0000-0000-7000-8000-000000000202"), "GovernmentProcurement", "政府采购系统项目备案或审批表", "辽宁 DB21 6.2.2", true, 20 },
                    { new Guid("5a2f0000-0000-7000-8000-000000000301"), "LandAndMiningRights", "公共资源进场交易申请表", "辽宁 DB21 6.2.2", true, 10 },
                    { new Guid("5a2f0000-0000-7000-8000-000000000302"), "LandAndMiningRights", "出让委托书及相关附件", "辽宁 DB21 6.2.2", true, 20 },
                    { new Guid("5a2f0000-0000-7000-8000-000000000401"), "StateAssets", "公共资源进场交易申请表", "辽宁 DB21 6.2.2", true, 10 },
                    { new Guid("5a2f0000-0000-7000-8000-000000000402"), "StateAssets", "资产处置批准文件", "辽宁 DB21 6.2.2", true, 20 },
                    { new Guid("5a2f0000-0000-7000-8000-000000000403"), "StateAssets", "资产评估报告", "辽宁 DB21 6.2.2", true, 30 },
                    { new Guid("5a2f0000-0000-7000-8000-000000000404"), "StateAssets", "委托拍卖合同（如有）", "辽宁 DB21 6.2.2", false, 40 },
                    { new Guid("5a2f0000-0000-7000-8000-000000000501"), "MedicalProcurement", "公共资源进场交易申请表", "辽宁 DB21 6.2.2", true, 10 },
                    { new Guid("5a2f0000-0000-7000-8000-000000000601"), "Other", "公共资源进场交易申请表", "辽宁 DB21 6.2.2", true, 10 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_Consultations_ReceivedAt",
                table: "Consultations",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Consultations_Status_FollowUpDueAt",
                table: "Consultations",
                columns: new[] { "Status", "FollowUpDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DeficiencyItems_NoticeId",
                table: "DeficiencyItems",
                column: "NoticeId");

            migrationBuilder.CreateIndex(
                name: "IX_DeficiencyNotices_RegistrationId_Sequence",
                table: "DeficiencyNotices",
                columns: new[] { "RegistrationId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MaterialChecklistItems_Category_Name",
                table: "MaterialChecklistItems",
                columns: new[] { "Category", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RegistrationRoomSlots_RegistrationId",
                table: "RegistrationRoomSlots",
                column: "RegistrationId");

            migrationBuilder.CreateIndex(
                name: "IX_RegistrationRoomSlots_RoomId_Start",
                table: "RegistrationRoomSlots",
                columns: new[] { "RoomId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_Registrations_Code",
                table: "Registrations",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Registrations_ProjectId",
                table: "Registrations",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_Registrations_ResponsibleStaffId",
                table: "Registrations",
                column: "ResponsibleStaffId");

            migrationBuilder.CreateIndex(
                name: "IX_Registrations_Status_DueAt",
                table: "Registrations",
                columns: new[] { "Status", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Consultations");

            migrationBuilder.DropTable(
                name: "DeficiencyItems");

            migrationBuilder.DropTable(
                name: "MaterialChecklistItems");

            migrationBuilder.DropTable(
                name: "RegistrationRoomSlots");

            migrationBuilder.DropTable(
                name: "DeficiencyNotices");

            migrationBuilder.DropTable(
                name: "Registrations");
        }
    }
}
