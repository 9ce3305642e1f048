<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>The database could not be opened:
%1

%2</source>
        <translation>无法打开数据库：
%1

%2</translation>
    </message>
    <message>
        <source>Database upgraded; a backup was written to %1</source>
        <translation>数据库已升级，升级前的备份保存在 %1</translation>
    </message>
    <message>
        <source>Automatic backup failed: %1</source>
        <translation>自动备份失败：%1</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong. Your data is safe; please tell the maintainer:
%1</source>
        <translation>程序出现意外错误。已保存的数据不受影响，请将以下信息告知维护人员：
%1</translation>
    </message>
</context>
<context>
    <name>BackupsTab</name>
    <message>
        <source>Taken at</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Restore the selected backup…</source>
        <translation>用所选备份恢复…</translation>
    </message>
    <message>
        <source>Restore from a file…</source>
        <translation>从文件恢复…</translation>
    </message>
    <message>
        <source>Backups apply to a SQLite database file; a shared server is backed up by its administrator.</source>
        <translation>备份适用于 SQLite 数据库文件；共用服务器的数据库由其管理员备份。</translation>
    </message>
    <message>
        <source>Automatic backups in %1. Routine copies (at start, daily, by hand) are rotated: 7 daily and 4 weekly kept. Copies taken before an import, an undo, a restore or a database upgrade are never rotated away: kept for at least 90 days (before an upgrade: always).</source>
        <translation>自动备份存于 %1。日常备份（启动时、每日、手动）按轮换保留：最近7天每天一份、最近4周每周一份。导入、撤销导入、恢复备份、数据库升级前的备份不参与轮换，至少保留90天（升级前的备份始终保留）。</translation>
    </message>
    <message>
        <source>Always kept</source>
        <translation>始终保留</translation>
    </message>
    <message>
        <source>Kept until %1</source>
        <translation>保留至 %1</translation>
    </message>
    <message>
        <source>Rotated</source>
        <translation>按轮换保留</translation>
    </message>
    <message>
        <source>Restored. The previous database file was kept as %1 and backed up as %2.</source>
        <translation>已恢复。原数据库文件已改名留存为 %1，并已备份为 %2。</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Choose a backup in the list first.</source>
        <translation>请先在列表中选择一个备份。</translation>
    </message>
    <message>
        <source>Restore from a file</source>
        <translation>从文件恢复</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite *.db);;All files (*)</source>
        <translation>SQLite 数据库 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Replace the database with the backup %1?

The current file is kept aside (renamed with today&apos;s time) first; changes made since the backup will not be in the restored database.</source>
        <translation>用备份 %1 替换当前数据库？

当前数据库文件会先改名留存（文件名带当前时间）；备份之后所做的修改不会出现在恢复后的数据库中。</translation>
    </message>
</context>
<context>
    <name>BatchDialog</name>
    <message>
        <source>Create cases for a recognition year</source>
        <translation>按认定年份批量创建案件</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>District</source>
        <translation>所在区</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>称号</translation>
    </message>
    <message>
        <source>City reward</source>
        <translation>市级奖励</translation>
    </message>
    <message>
        <source>Provincial match</source>
        <translation>省级配套</translation>
    </message>
    <message>
        <source>Why not</source>
        <translation>未纳入原因</translation>
    </message>
    <message>
        <source>Recognised in:</source>
        <translation>认定年份：</translation>
    </message>
    <message>
        <source>Create the cases</source>
        <translation>创建案件</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>In (each gets a new case, state Draft):</source>
        <translation>纳入（将各建一个案件，状态为申报登记）：</translation>
    </message>
    <message>
        <source>Out, and why:</source>
        <translation>未纳入及原因：</translation>
    </message>
    <message>
        <source>In: %1, out: %2, provincial match %3</source>
        <translation>纳入 %1 件，未纳入 %2 件，省级配套合计 %3</translation>
    </message>
</context>
<context>
    <name>BatchTransitionDialog</name>
    <message>
        <source>Batch process</source>
        <translation>批量办理</translation>
    </message>
    <message>
        <source>%1 cases selected. The step is taken for all of them or, if one is refused, for none.</source>
        <translation>已选 %1 个案件。全部可以办理才一并办理；有一个不能办理，则全部不办理。</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>Facts, given once for all the selected cases</source>
        <translation>所需信息（一次填写，适用于所选全部案件）</translation>
    </message>
    <message>
        <source>Step:</source>
        <translation>办理事项：</translation>
    </message>
    <message>
        <source>Take the step for all</source>
        <translation>批量办理</translation>
    </message>
    <message>
        <source>Sign in to act on cases.</source>
        <translation>请先登录再办理案件。</translation>
    </message>
    <message>
        <source>Select the cases in the list first (Ctrl or Shift + click).</source>
        <translation>请先在列表中选择案件（按住 Ctrl 或 Shift 点击可多选）。</translation>
    </message>
    <message>
        <source>Your roles allow no common step for these cases.</source>
        <translation>按您的角色，所选案件没有可批量办理的事项。</translation>
    </message>
    <message>
        <source>Done for all %1 cases.</source>
        <translation>已全部办理，共 %1 个案件。</translation>
    </message>
    <message>
        <source>%1 of %2 cases cannot take this step, so none of the %2 was changed. See each case&apos;s line.</source>
        <translation>%1 个案件不能办理，本批 %2 个案件均未办理。原因见各案件的检查结果。</translation>
    </message>
</context>
<context>
    <name>CalendarHelp</name>
    <message>
        <source>Public notice periods are counted in working days on the State Council&apos;s holiday schedule. The chinese-calendar component knows the years up to %1; a period reaching a later year is refused until an administrator adds that year.

To add a year, once the State Council has published 国务院办公厅关于××年部分节假日安排的通知:
1. Copy resources/calendar/2027.example.toml (an example, not official, not loaded) and write in it the year, the notice&apos;s 文号 (doc_no), every holiday (holidays) and every make-up working Saturday or Sunday (workdays), as in the notice.
2. As an administrator, open 设置 → 工作日历 and click 导入节假日安排…, or run
   main.py --db DB --user NAME --password-env VAR calendar import FILE.toml
3. Check the year with 设置 → 工作日历 or main.py calendar show YEAR.

Importing the same year again replaces it; an added year takes the place of the component&apos;s year; every import is in the audit trail with the notice&apos;s 文号.</source>
        <translation>公示期按国务院公布的节假日安排以工作日计算。chinese-calendar 组件已知至%1年；公示期跨入更晚的年份时，须由管理员先添加该年的安排，否则不予办理。

添加一年的安排（国务院办公厅公布《关于××年部分节假日安排的通知》后）：
1. 复制 resources/calendar/2027.example.toml（仅为示例，非官方，未加载），按通知写入年份（year）、通知文号（doc_no）、每个放假日期（holidays）和每个调休上班的星期六、星期日（workdays）。
2. 由管理员在“设置 → 工作日历”中点“导入节假日安排…”，或运行
   main.py --db 数据库 --user 用户名 --password-env 变量 calendar import 文件.toml
3. 在“设置 → 工作日历”或用 main.py calendar show 年份 核对该年。

同一年再次导入即替换原安排；添加的年份优先于组件自带的同一年；每次导入连同通知文号记入审计记录。</translation>
    </message>
</context>
<context>
    <name>CalendarTab</name>
    <message>
        <source>Working days follow the State Council&apos;s yearly holiday schedule (国务院办公厅关于××年部分节假日安排的通知), with its make-up working Saturdays and Sundays. The years below come from the chinese-calendar component or were added by an administrator from the notice; an added year replaces the component&apos;s. When the notice for a new year is published, write its holidays and make-up working days in a TOML file (format: resources/calendar/2027.example.toml, an example only) and import it here, or run main.py calendar import FILE.toml. Importing a year again replaces it; every import is in the audit trail.</source>
        <translation>工作日按国务院每年公布的节假日安排（国务院办公厅关于××年部分节假日安排的通知）计算，含调休上班的星期六、星期日。下列年份来自 chinese-calendar 组件，或由管理员依据通知添加；添加的年份优先于组件自带的同一年。新一年的通知公布后，请把放假日期和调休上班日写入 TOML 文件（格式见 resources/calendar/2027.example.toml，仅为示例），在此导入，或运行 main.py calendar import 文件.toml。同一年再次导入即替换；每次导入都记入审计记录。</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Notice no.</source>
        <translation>通知文号</translation>
    </message>
    <message>
        <source>Holidays</source>
        <translation>节假日（天）</translation>
    </message>
    <message>
        <source>Make-up days</source>
        <translation>调休上班日（天）</translation>
    </message>
    <message>
        <source>Import holiday schedule…</source>
        <translation>导入节假日安排…</translation>
    </message>
    <message>
        <source>Only an administrator imports a holiday schedule.</source>
        <translation>只有管理员才能导入节假日安排。</translation>
    </message>
    <message>
        <source>Added by %1 on %2</source>
        <translation>管理员添加（%1，%2）</translation>
    </message>
    <message>
        <source>chinese-calendar component</source>
        <translation>chinese-calendar 组件自带</translation>
    </message>
    <message>
        <source>%1: holidays %2; make-up working days %3</source>
        <translation>%1年：节假日 %2；调休上班日 %3</translation>
    </message>
    <message>
        <source>Import holiday schedule</source>
        <translation>导入节假日安排</translation>
    </message>
    <message>
        <source>Holiday schedules (*.toml);;All files (*)</source>
        <translation>节假日安排 (*.toml);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Schedule for %1 replaced (%2).</source>
        <translation>已替换%1年节假日安排（%2）。</translation>
    </message>
    <message>
        <source>Schedule for %1 imported (%2).</source>
        <translation>已导入%1年节假日安排（%2）。</translation>
    </message>
</context>
<context>
    <name>CaseEditor</name>
    <message>
        <source>Select a case in the list.</source>
        <translation>请在列表中选择一个案件。</translation>
    </message>
    <message>
        <source>Empty: the city&apos;s reward schedule</source>
        <translation>留空：按本市奖励标准</translation>
    </message>
    <message>
        <source>Required when the amount differs from the schedule</source>
        <translation>金额与本市标准不同时必填</translation>
    </message>
    <message>
        <source>YYYY-MM-DD (empty: today)</source>
        <translation>YYYY-MM-DD（留空：今天）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Decide and freeze</source>
        <translation>定案并冻结</translation>
    </message>
    <message>
        <source>Freeze the amounts, the calculation basis and the policy file&apos;s hash</source>
        <translation>冻结金额、计算依据和政策文件哈希</translation>
    </message>
    <message>
        <source>City reward (yuan):</source>
        <translation>市级奖励（元）：</translation>
    </message>
    <message>
        <source>Reason for a different amount:</source>
        <translation>金额调整理由：</translation>
    </message>
    <message>
        <source>Decision date:</source>
        <translation>决定日期：</translation>
    </message>
    <message>
        <source>Exclusions found (tick what applies)</source>
        <translation>负面情形核查（存在的请勾选）</translation>
    </message>
    <message>
        <source>Provincial match:</source>
        <translation>省级配套：</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>合计：</translation>
    </message>
    <message>
        <source>Frozen</source>
        <translation>已定案</translation>
    </message>
    <message>
        <source>Schedule: %1</source>
        <translation>本市标准：%1</translation>
    </message>
    <message>
        <source>Read-only: the amounts, exclusions and decision date change only while the case is being registered. To change them, a reviewer first returns the case for correction (the return is recorded in its history).</source>
        <translation>只读：市级奖励、负面情形与决定日期只能在“申报登记”中修改。如需修改，须先由审核人退回补正（退回记入办理记录）。</translation>
    </message>
    <message>
        <source>Not saved yet.</source>
        <translation>尚未保存。</translation>
    </message>
</context>
<context>
    <name>CaseProcessPanel</name>
    <message>
        <source>City reward approved:</source>
        <translation>市级奖励批准：</translation>
    </message>
    <message>
        <source>City reward paid:</source>
        <translation>市级已拨付：</translation>
    </message>
    <message>
        <source>Provincial match approved:</source>
        <translation>省级配套批准：</translation>
    </message>
    <message>
        <source>Received from the province:</source>
        <translation>省级已到账：</translation>
    </message>
    <message>
        <source>Provincial match paid:</source>
        <translation>省级已拨付企业：</translation>
    </message>
    <message>
        <source>Objections…</source>
        <translation>异议…</translation>
    </message>
    <message>
        <source>Record and decide objections received during the public notice (%1)</source>
        <translation>登记、处理公示期内收到的异议（%1）</translation>
    </message>
    <message>
        <source>Payments…</source>
        <translation>资金拨付…</translation>
    </message>
    <message>
        <source>Record payments and corrections (%1)</source>
        <translation>登记拨付、到账及冲正（%1）</translation>
    </message>
    <message>
        <source>Funds</source>
        <translation>资金</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>No case selected</source>
        <translation>未选择案件</translation>
    </message>
    <message>
        <source>Case %1: %2</source>
        <translation>案件 %1：%2</translation>
    </message>
    <message>
        <source>Drafted by: %1</source>
        <translation>经办人：%1</translation>
    </message>
    <message>
        <source>Reviewed by: %1</source>
        <translation>审核人：%1</translation>
    </message>
    <message>
        <source>Public notice: %1 to %2</source>
        <translation>公示期：%1 至 %2</translation>
    </message>
    <message>
        <source>Counted: %1</source>
        <translation>公示期计算：%1</translation>
    </message>
    <message>
        <source>Nothing for your roles to do on this case now.</source>
        <translation>您的角色目前对本案无可办理事项。</translation>
    </message>
    <message>
        <source>Objections (%1 pending)…</source>
        <translation>异议（%1 件待处理）…</translation>
    </message>
    <message>
        <source>Objections (%1)…</source>
        <translation>异议（%1 件）…</translation>
    </message>
    <message>
        <source>Sign in to act on cases.</source>
        <translation>请先登录再办理案件。</translation>
    </message>
    <message>
        <source> (notice ends %1)</source>
        <translation>（公示截止 %1）</translation>
    </message>
    <message>
        <source>Batch process…</source>
        <translation>批量办理…</translation>
    </message>
    <message>
        <source>Take one step for all the cases selected in the list, all or nothing (%1)</source>
        <translation>对列表中选中的案件一并办理同一事项，全部通过才办理（%1）</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>District</source>
        <translation>所在区</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>称号</translation>
    </message>
    <message>
        <source>Recognised on</source>
        <translation>认定日期</translation>
    </message>
    <message>
        <source>City reward</source>
        <translation>市级奖励</translation>
    </message>
    <message>
        <source>Provincial match</source>
        <translation>省级配套</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>符合条件</translation>
    </message>
    <message>
        <source>Decided on</source>
        <translation>决定日期</translation>
    </message>
    <message>
        <source>Frozen</source>
        <translation>已定案</translation>
    </message>
</context>
<context>
    <name>CasesBehindDialog</name>
    <message>
        <source>Cases: %1</source>
        <translation>共 %1 件</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>District</source>
        <translation>所在区</translation>
    </message>
    <message>
        <source>Title kind</source>
        <translation>称号类别</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Decided on</source>
        <translation>决定日期</translation>
    </message>
    <message>
        <source>City reward (yuan)</source>
        <translation>市级奖励（元）</translation>
    </message>
    <message>
        <source>Provincial matching (yuan)</source>
        <translation>省级配套（元）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <source>Search enterprise name, credit code or district (Ctrl+F)</source>
        <translation>搜索企业名称、统一社会信用代码或所在区（Ctrl+F）</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Eligible or not</source>
        <translation>是否符合条件</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>符合条件</translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation>不符合条件</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>全部年份</translation>
    </message>
    <message>
        <source>New case…</source>
        <translation>新建案件…</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>Create for a year…</source>
        <translation>按年份批量创建…</translation>
    </message>
    <message>
        <source>%1 cases</source>
        <translation>共 %1 件</translation>
    </message>
</context>
<context>
    <name>ChartBox</name>
    <message>
        <source>Save as PNG…</source>
        <translation>另存为 PNG…</translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>Correct payment record %1</source>
        <translation>冲正拨付记录 %1</translation>
    </message>
    <message>
        <source>Record %1: %2, %3 yuan on %4, voucher %5.

A reversing record of %6 yuan will be added; the original stays. This cannot be undone.</source>
        <translation>记录 %1：%2，%3 元，日期 %4，凭证号 %5。

将新增一条 %6 元的冲正记录，原记录保留。冲正后不能撤销。</translation>
    </message>
    <message>
        <source>e.g. amount typed wrongly</source>
        <translation>如：金额录入错误</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>冲正原因：</translation>
    </message>
    <message>
        <source>Correction date:</source>
        <translation>冲正日期：</translation>
    </message>
    <message>
        <source>Reverse the record</source>
        <translation>确认冲正</translation>
    </message>
</context>
<context>
    <name>DocumentSettingsTab</name>
    <message>
        <source>Issuing bureau:</source>
        <translation>发文机关：</translation>
    </message>
    <message>
        <source>Red banner text:</source>
        <translation>版头（红头）文字：</translation>
    </message>
    <message>
        <source>Document number prefix:</source>
        <translation>文号机关代字：</translation>
    </message>
    <message>
        <source>City:</source>
        <translation>所在市：</translation>
    </message>
    <message>
        <source>Contact person:</source>
        <translation>联系人：</translation>
    </message>
    <message>
        <source>Contact phone:</source>
        <translation>联系电话：</translation>
    </message>
    <message>
        <source>Default addressee:</source>
        <translation>默认主送机关：</translation>
    </message>
    <message>
        <source>Signed by:</source>
        <translation>落款署名：</translation>
    </message>
    <message>
        <source>e.g. 佛工信函 → 佛工信函〔2025〕12号</source>
        <translation>如 佛工信函 → 佛工信函〔2025〕12号</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <source>Save template copy</source>
        <translation>保存模板副本</translation>
    </message>
    <message>
        <source>Restore the shipped template</source>
        <translation>恢复随附模板</translation>
    </message>
    <message>
        <source>Body template:</source>
        <translation>正文模板：</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Edited copy in use.</source>
        <translation>正在使用修改后的副本。</translation>
    </message>
    <message>
        <source>The shipped template is in use.</source>
        <translation>正在使用随附模板。</translation>
    </message>
    <message>
        <source>Template saved; new documents use it.</source>
        <translation>模板已保存，新生成的文书将使用它。</translation>
    </message>
    <message>
        <source>Restore template</source>
        <translation>恢复模板</translation>
    </message>
    <message>
        <source>Discard the edited copy and use the shipped template?</source>
        <translation>放弃修改后的副本，改用随附模板？</translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <source>Funding notice (奖励资金下达通知)</source>
        <translation>奖励资金下达通知</translation>
    </message>
    <message>
        <source>Public notice and list (公示)</source>
        <translation>公示及名单</translation>
    </message>
    <message>
        <source>Approval form (审批表)</source>
        <translation>审批表</translation>
    </message>
    <message>
        <source>Summary for the province (省级配套汇总表)</source>
        <translation>申请省级配套资金汇总表</translation>
    </message>
    <message>
        <source>Search enterprise name or credit code</source>
        <translation>搜索企业名称或统一社会信用代码</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>称号</translation>
    </message>
    <message>
        <source>City reward</source>
        <translation>市级奖励</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>The date printed on the document. It starts at the document&apos;s own date (a public notice: its start; a funding notice: the day it is issued; an approval form: the decision date) and may not be later than today.</source>
        <translation>文书的成文日期。默认取文书本身的日期（公示：公示开始日；奖励资金下达通知：签发之日；审批表：决策日期），不得晚于今天。</translation>
    </message>
    <message>
        <source>Public notice (working days):</source>
        <translation>公示期（工作日）：</translation>
    </message>
    <message>
        <source>Draft (no document number, not recorded)</source>
        <translation>草稿（不编文号、不登记）</translation>
    </message>
    <message>
        <source>Select cases approved in this period</source>
        <translation>选取该期间批准的案件</translation>
    </message>
    <message>
        <source>Approved from:</source>
        <translation>批准日期：</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Document:</source>
        <translation>文书：</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>成文日期：</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Not eligible: only an approval form can be printed.</source>
        <translation>未通过资格审查：只能打印审批表。</translation>
    </message>
    <message>
        <source>No case was approved in this period (voided cases do not count).</source>
        <translation>该期间没有批准的案件（已作废的案件不计）。</translation>
    </message>
    <message>
        <source>%1 cases approved in this period selected.</source>
        <translation>已选取该期间批准的案件 %1 件。</translation>
    </message>
    <message>
        <source>The period recorded when the public notice started is used.</source>
        <translation>公示期按“开始公示”时登记的公示期确定，不能在此修改。</translation>
    </message>
    <message>
        <source>Cases selected: %1</source>
        <translation>已选案件：%1</translation>
    </message>
    <message>
        <source>A numbered notice cannot be issued for this selection:</source>
        <translation>所选案件不能签发编号的奖励资金下达通知：</translation>
    </message>
    <message>
        <source>This document cannot be saved for this selection:</source>
        <translation>所选案件不能生成此文书：</translation>
    </message>
    <message>
        <source>Tick “Draft” to print it without a number (nothing is recorded).</source>
        <translation>可勾选“草稿”打印不编文号的通知（不登记）。</translation>
    </message>
    <message>
        <source>Saving issues the next document number and moves the selected cases to “Funding notice issued”, in one step.</source>
        <translation>保存时将编发下一个文号，并同时将所选案件办理为“资金已下达”。</translation>
    </message>
    <message>
        <source>The date %1 lies outside this case&apos;s own dates:</source>
        <translation>成文日期 %1 不在本案各环节的日期范围内：</translation>
    </message>
    <message>
        <source>Preview: %1 pages. Nothing is numbered or recorded until you save.</source>
        <translation>预览：共 %1 页。保存前不编文号、不登记。</translation>
    </message>
    <message>
        <source>Saved %1 files to %2.</source>
        <translation>已保存 %1 个文件到 %2。</translation>
    </message>
    <message>
        <source>Save documents to folder</source>
        <translation>保存文书到文件夹</translation>
    </message>
    <message>
        <source>Document number: %1</source>
        <translation>文号：%1</translation>
    </message>
    <message>
        <source>This notice had been issued: it was printed again as issued.</source>
        <translation>该通知已发出，已按发文记录重新生成。</translation>
    </message>
    <message>
        <source>Cancelling after the current document…</source>
        <translation>当前文书完成后取消…</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>无法启动打印机。</translation>
    </message>
</context>
<context>
    <name>EnterpriseDetail</name>
    <message>
        <source>Credit code:</source>
        <translation>统一社会信用代码：</translation>
    </message>
    <message>
        <source>District:</source>
        <translation>所在区：</translation>
    </message>
    <message>
        <source>Field:</source>
        <translation>领域：</translation>
    </message>
    <message>
        <source>Reason for the field:</source>
        <translation>领域认定理由：</translation>
    </message>
    <message>
        <source>Registration status:</source>
        <translation>登记状态：</translation>
    </message>
    <message>
        <source>Former names:</source>
        <translation>曾用名：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Legal representative:</source>
        <translation>法定代表人：</translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation>联系人：</translation>
    </message>
    <message>
        <source>Code kept because:</source>
        <translation>代码保留原因：</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>National titles</source>
        <translation>国家级称号</translation>
    </message>
    <message>
        <source>Recognised on</source>
        <translation>认定日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Doc no.</source>
        <translation>文号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>称号</translation>
    </message>
    <message>
        <source>Select an enterprise to see its details.</source>
        <translation>选择一家企业以查看详细信息。</translation>
    </message>
    <message>
        <source> [re-review]</source>
        <translation>［复核］</translation>
    </message>
</context>
<context>
    <name>EnterpriseDialog</name>
    <message>
        <source>New enterprise</source>
        <translation>新增企业</translation>
    </message>
    <message>
        <source>Edit enterprise</source>
        <translation>编辑企业</translation>
    </message>
    <message>
        <source>18 characters, as on the business licence</source>
        <translation>18位，与营业执照一致</translation>
    </message>
    <message>
        <source>Why this code is kept although its check character fails (e.g. as printed on the licence)</source>
        <translation>校验位不符仍保留此代码的原因（如：营业执照上即为此代码）</translation>
    </message>
    <message>
        <source>One former name per line</source>
        <translation>每行一个曾用名</translation>
    </message>
    <message>
        <source>Why the enterprise belongs to this field</source>
        <translation>认定属于该领域的理由</translation>
    </message>
    <message>
        <source>Unified social credit code:</source>
        <translation>统一社会信用代码：</translation>
    </message>
    <message>
        <source>Reason to keep the code:</source>
        <translation>保留代码的原因：</translation>
    </message>
    <message>
        <source>Enterprise name:</source>
        <translation>企业名称：</translation>
    </message>
    <message>
        <source>Former names:</source>
        <translation>曾用名：</translation>
    </message>
    <message>
        <source>District:</source>
        <translation>所在区：</translation>
    </message>
    <message>
        <source>Field:</source>
        <translation>领域：</translation>
    </message>
    <message>
        <source>Reason for the field:</source>
        <translation>领域认定理由：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Legal representative:</source>
        <translation>法定代表人：</translation>
    </message>
    <message>
        <source>Contact person:</source>
        <translation>联系人：</translation>
    </message>
    <message>
        <source>Contact phone:</source>
        <translation>联系电话：</translation>
    </message>
    <message>
        <source>Registration status:</source>
        <translation>登记状态：</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>✓ Valid code: %1</source>
        <translation>✓ 代码有效：%1</translation>
    </message>
    <message>
        <source>Saved, please check</source>
        <translation>已保存，请核对</translation>
    </message>
    <message>
        <source>Fill in a reason to keep a code whose check character fails.</source>
        <translation>校验位不符的代码须填写保留原因。</translation>
    </message>
</context>
<context>
    <name>EnterpriseTableModel</name>
    <message>
        <source>Name</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>District</source>
        <translation>所在区</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>领域</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>National titles</source>
        <translation>国家级称号</translation>
    </message>
</context>
<context>
    <name>EnterprisesPage</name>
    <message>
        <source>Search name, former name, credit code or district (Ctrl+F)</source>
        <translation>搜索企业名称、曾用名、统一社会信用代码或所在区（Ctrl+F）</translation>
    </message>
    <message>
        <source>All fields</source>
        <translation>全部领域</translation>
    </message>
    <message>
        <source>Any title</source>
        <translation>全部称号</translation>
    </message>
    <message>
        <source>New enterprise</source>
        <translation>新增企业</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>All districts</source>
        <translation>全部区</translation>
    </message>
    <message>
        <source>%1 enterprises</source>
        <translation>共 %1 家</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Export:</source>
        <translation>导出内容：</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>另存为</translation>
    </message>
    <message>
        <source>%1 rows exported to %2.</source>
        <translation>已导出 %1 行到 %2。</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
</context>
<context>
    <name>FactsForm</name>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Notice period (working days):</source>
        <translation>公示期（工作日）：</translation>
    </message>
    <message>
        <source>Reason or opinion:</source>
        <translation>原因/意见：</translation>
    </message>
    <message>
        <source>Document number:</source>
        <translation>文号：</translation>
    </message>
    <message>
        <source>Amount (yuan):</source>
        <translation>金额（元）：</translation>
    </message>
    <message>
        <source>Voucher number:</source>
        <translation>凭证号：</translation>
    </message>
    <message>
        <source>Objector:</source>
        <translation>异议人：</translation>
    </message>
    <message>
        <source>Guangzhou 5 working days; Shenzhen and the province 7</source>
        <translation>广州 5 个工作日；深圳及省级 7 个工作日</translation>
    </message>
    <message>
        <source>e.g. 佛工信函〔2025〕12号</source>
        <translation>如：佛工信函〔2025〕12号</translation>
    </message>
    <message>
        <source>Only when the budget line is short</source>
        <translation>仅在预算额度不足时填写</translation>
    </message>
    <message>
        <source>Reason to approve beyond the budget:</source>
        <translation>超预算批准理由：</translation>
    </message>
    <message>
        <source>Only when the total exceeds the policy&apos;s total reward limit</source>
        <translation>仅在合计超过政策奖励总额度时填写</translation>
    </message>
    <message>
        <source>Reason to approve beyond the total limit:</source>
        <translation>超出奖励总额度批准理由：</translation>
    </message>
    <message>
        <source>The date may not be later than today nor earlier than the step before; work done on paper is recorded with its real, earlier date.</source>
        <translation>日期不能晚于今天，也不能早于上一环节；纸质办理的事项按实际日期补录。</translation>
    </message>
    <message>
        <source>This step cannot be undone.</source>
        <translation>此事项办理后不能撤销。</translation>
    </message>
    <message>
        <source>this case</source>
        <translation>本案件</translation>
    </message>
    <message>
        <source>these %1 cases</source>
        <translation>这 %1 个案件</translation>
    </message>
    <message>
        <source>“%1” cannot be undone: afterwards %2 can no longer be processed (the records are kept).

Take this step?</source>
        <translation>“%1”办理后不能撤销，%2将不能再继续办理（记录仍保留）。

确定办理吗？</translation>
    </message>
    <message>
        <source>Confirm “%1”</source>
        <translation>确认“%1”</translation>
    </message>
</context>
<context>
    <name>GeneralTab</name>
    <message>
        <source>Interface language:</source>
        <translation>界面语言：</translation>
    </message>
    <message>
        <source>A new language takes effect when the app is started again.</source>
        <translation>更改语言后，重新启动程序生效。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Spreadsheets (*.xlsx *.xls *.ods *.csv)</source>
        <translation>表格文件 (*.xlsx *.xls *.ods *.csv)</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Enterprise name</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <source>District</source>
        <translation>所在区</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>领域</translation>
    </message>
    <message>
        <source>Reason for the field</source>
        <translation>领域认定理由</translation>
    </message>
    <message>
        <source>Former names</source>
        <translation>曾用名</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Registration status</source>
        <translation>登记状态</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Reason to keep the code</source>
        <translation>校验位说明</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品名称</translation>
    </message>
    <message>
        <source>Recognition date</source>
        <translation>认定日期</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>有错误</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Not matched</source>
        <translation>未匹配</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Not in the register.</source>
        <translation>企业库中没有该企业。</translation>
    </message>
    <message>
        <source>Close names: %1</source>
        <translation>相近：%1</translation>
    </message>
    <message>
        <source>Import enterprise list</source>
        <translation>导入企业名单</translation>
    </message>
    <message>
        <source>Import title list</source>
        <translation>导入称号名单</translation>
    </message>
    <message>
        <source>Choose an .xlsx, .xls, .ods or .csv file</source>
        <translation>请选择 .xlsx、.xls、.ods 或 .csv 文件</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Download template…</source>
        <translation>下载模板…</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>工作表：</translation>
    </message>
    <message>
        <source>(as the list says — choose if it does not)</source>
        <translation>（按名单所写；名单未写明时请选择）</translation>
    </message>
    <message>
        <source>e.g. 工信厅企业函〔2025〕165号</source>
        <translation>如 工信厅企业函〔2025〕165号</translation>
    </message>
    <message>
        <source>Re-review list (not a first recognition)</source>
        <translation>复核通过名单（非首次认定）</translation>
    </message>
    <message>
        <source>e.g. 广东 (rows of other regions are skipped)</source>
        <translation>如 广东（其他地区的行将跳过）</translation>
    </message>
    <message>
        <source>Batch:</source>
        <translation>批次：</translation>
    </message>
    <message>
        <source>Recognised on:</source>
        <translation>认定日期：</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>称号：</translation>
    </message>
    <message>
        <source>Document no.:</source>
        <translation>文号：</translation>
    </message>
    <message>
        <source>Only region:</source>
        <translation>只导入地区：</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Header in the file</source>
        <translation>文件中的表头</translation>
    </message>
    <message>
        <source>Imported as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <source>Columns (fix a column the program did not recognise):</source>
        <translation>各列含义（未识别的列可在此指定）：</translation>
    </message>
    <message>
        <source>All rows</source>
        <translation>全部行</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Match the selected row to:</source>
        <translation>将所选行匹配到：</translation>
    </message>
    <message>
        <source>Add as a new enterprise…</source>
        <translation>作为新企业登记…</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Save error rows…</source>
        <translation>保存问题行…</translation>
    </message>
    <message>
        <source>Undo this import</source>
        <translation>撤销本次导入</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Choose a spreadsheet</source>
        <translation>选择表格文件</translation>
    </message>
    <message>
        <source>Reading and checking the file…</source>
        <translation>正在读取并检查文件…</translation>
    </message>
    <message>
        <source>The title kind cannot be read from the list’s heading, sheet name or file name: choose it above (专精特新“小巨人” or 制造业单项冠军). Nothing is imported until then.</source>
        <translation>无法从名单的表头、工作表名称或文件名读出称号类别：请在上方选择（专精特新“小巨人”或制造业单项冠军）。选择前不会导入。</translation>
    </message>
    <message>
        <source>Choose the title kind to check the list.</source>
        <translation>请选择称号类别，再检查名单。</translation>
    </message>
    <message>
        <source>You chose %1, but the list says %2 (%3). Importing asks you to confirm.</source>
        <translation>所选称号类别为%1，但名单写的是%2（%3）。导入时须再次确认。</translation>
    </message>
    <message>
        <source>Title kind: %1 (read from %2)</source>
        <translation>称号类别：%1（取自%2）</translation>
    </message>
    <message>
        <source>Title kind: %1 (as chosen; the list does not say)</source>
        <translation>称号类别：%1（按所选；名单未写明）</translation>
    </message>
    <message>
        <source>Not found: %1. Choose which column holds it in the table above.</source>
        <translation>未找到：%1。请在上方表格中指定是哪一列。</translation>
    </message>
    <message>
        <source>Header found on row %1 of sheet “%2”. Nothing has been written yet.</source>
        <translation>表头位于工作表“%2”第%1行。尚未写入任何数据。</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>(leave unmatched)</source>
        <translation>（暂不匹配）</translation>
    </message>
    <message>
        <source>Title kind differs from the list</source>
        <translation>称号类别与名单不符</translation>
    </message>
    <message>
        <source>You chose %1, but the list says %2 (%3).

Import these rows as %1 anyway? Nothing has been written yet.</source>
        <translation>所选称号类别为%1，但名单写的是%2（%3）。

仍按%1导入这些企业吗？目前尚未写入任何数据。</translation>
    </message>
    <message>
        <source>Not imported: choose the title kind the list says.</source>
        <translation>未导入：请选择与名单一致的称号类别。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Imported as batch %1: %2 new, %3 changed, %4 unchanged. It can be undone as a whole.</source>
        <translation>已导入（批次 %1）：新增 %2，修改 %3，无变化 %4。可整批撤销。</translation>
    </message>
    <message>
        <source>The database was backed up first: %1</source>
        <translation>导入前已备份数据库：%1</translation>
    </message>
    <message>
        <source>Undo import batch %1 (%2)?

The %3 records it added are deleted and the %4 records it changed get their earlier values back. The database is backed up first. To redo it, import the file again.</source>
        <translation>撤销第 %1 批导入（%2）？

该批新增的 %3 条记录将被删除，修改过的 %4 条记录恢复为导入前的值。撤销前会先备份数据库。撤销后如需恢复，请重新导入该文件。</translation>
    </message>
    <message>
        <source>Undo an import</source>
        <translation>撤销导入</translation>
    </message>
    <message>
        <source>Batch %1 undone: %2 records removed, %3 restored.</source>
        <translation>已撤销批次 %1：删除 %2 条记录，恢复 %3 条。</translation>
    </message>
    <message>
        <source>The database was backed up before undoing: %1</source>
        <translation>撤销前已备份数据库：%1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Save error rows</source>
        <translation>保存问题行</translation>
    </message>
    <message>
        <source>%1 rows with problems saved to %2.</source>
        <translation>已将 %1 行问题行保存到 %2。</translation>
    </message>
    <message>
        <source>Save template</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <source>Template saved to %1.</source>
        <translation>模板已保存到 %1。</translation>
    </message>
    <message>
        <source>Enterprise list</source>
        <translation>企业名单</translation>
    </message>
    <message>
        <source>National title list</source>
        <translation>国家级称号名单</translation>
    </message>
    <message>
        <source>Case ledger</source>
        <translation>奖励资金台账</translation>
    </message>
    <message>
        <source>Import enterprise list…</source>
        <translation>导入企业名单…</translation>
    </message>
    <message>
        <source>Import title list…</source>
        <translation>导入称号名单…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Undo an import…</source>
        <translation>撤销导入…</translation>
    </message>
</context>
<context>
    <name>ImportHistoryDialog</name>
    <message>
        <source>Import history</source>
        <translation>导入记录</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Imported at</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>撤销时间</translation>
    </message>
    <message>
        <source>Undo selected import</source>
        <translation>撤销所选导入</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Artificial intelligence</source>
        <translation>人工智能</translation>
    </message>
    <message>
        <source>Robotics</source>
        <translation>机器人</translation>
    </message>
    <message>
        <source>AI and robotics</source>
        <translation>人工智能与机器人</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>存续</translation>
    </message>
    <message>
        <source>Deregistered</source>
        <translation>注销</translation>
    </message>
    <message>
        <source>Single champion</source>
        <translation>制造业单项冠军</translation>
    </message>
    <message>
        <source>Little giant</source>
        <translation>专精特新“小巨人”</translation>
    </message>
    <message>
        <source>Champion</source>
        <translation>单项冠军</translation>
    </message>
    <message>
        <source>Little giant (short)</source>
        <translation>小巨人</translation>
    </message>
    <message>
        <source>Demonstration enterprise</source>
        <translation>示范企业</translation>
    </message>
    <message>
        <source>Champion product</source>
        <translation>冠军产品</translation>
    </message>
    <message>
        <source>Single champion enterprise</source>
        <translation>单项冠军企业</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已到期</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Entered by hand</source>
        <translation>手工录入</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>申报登记</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已申报</translation>
    </message>
    <message>
        <source>Under review</source>
        <translation>审查中</translation>
    </message>
    <message>
        <source>Public notice</source>
        <translation>公示中</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Not rewarded</source>
        <translation>不予奖励</translation>
    </message>
    <message>
        <source>Funding notice issued</source>
        <translation>资金已下达</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已拨付</translation>
    </message>
    <message>
        <source>Evaluated</source>
        <translation>已绩效评价</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>At start</source>
        <translation>启动时</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <source>Before an import</source>
        <translation>导入前</translation>
    </message>
    <message>
        <source>Before undoing an import</source>
        <translation>撤销导入前</translation>
    </message>
    <message>
        <source>By hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>恢复备份前</translation>
    </message>
    <message>
        <source>Before a database upgrade (kept)</source>
        <translation>数据库升级前（始终保留）</translation>
    </message>
    <message>
        <source>Batch %1</source>
        <translation>第%1批</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Policy files</source>
        <translation>政策文件</translation>
    </message>
    <message>
        <source>Issuing</source>
        <translation>发文设置</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Working-day calendar</source>
        <translation>工作日历</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Enterprises</source>
        <translation>企业库</translation>
    </message>
    <message>
        <source>National titles</source>
        <translation>国家级称号</translation>
    </message>
    <message>
        <source>Reward cases</source>
        <translation>奖励案件</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文书</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>正在打开数据库，请稍候…</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>Please sign in.</source>
        <translation>请登录。</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2)</source>
        <translation>当前用户：%1（%2）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>Adding a year&apos;s holiday schedule…</source>
        <translation>添加一年的节假日安排…</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>About Subsidy Desk</source>
        <translation>关于奖补案件台</translation>
    </message>
    <message>
        <source>Subsidy Desk %1

Reward cases for national single champions and little giants in the AI and robotics field (Guangdong policy 粤府办〔2025〕6号).</source>
        <translation>奖补案件台 %1

办理人工智能与机器人领域国家级制造业单项冠军、专精特新“小巨人”企业奖励案件（粤府办〔2025〕6号）。</translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message>
        <source>New reward case</source>
        <translation>新建奖励案件</translation>
    </message>
    <message>
        <source>18-character unified social credit code</source>
        <translation>18位统一社会信用代码</translation>
    </message>
    <message>
        <source>Empty: the city&apos;s reward schedule</source>
        <translation>留空：按本市奖励标准</translation>
    </message>
    <message>
        <source>Required when the amount differs from the schedule</source>
        <translation>金额与本市标准不同时必填</translation>
    </message>
    <message>
        <source>Credit code:</source>
        <translation>统一社会信用代码：</translation>
    </message>
    <message>
        <source>Title kind:</source>
        <translation>称号类别：</translation>
    </message>
    <message>
        <source>City reward (yuan):</source>
        <translation>市级奖励（元）：</translation>
    </message>
    <message>
        <source>Reason for a different amount:</source>
        <translation>金额调整理由：</translation>
    </message>
    <message>
        <source>Create case</source>
        <translation>创建案件</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Enter a credit code to see the computation.</source>
        <translation>输入统一社会信用代码后显示计算结果。</translation>
    </message>
</context>
<context>
    <name>ObjectionsDialog</name>
    <message>
        <source>Objections — case %1</source>
        <translation>异议 — 案件 %1</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <source>Objector</source>
        <translation>异议人</translation>
    </message>
    <message>
        <source>Objection</source>
        <translation>异议内容</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Opinion</source>
        <translation>处理意见</translation>
    </message>
    <message>
        <source>Name of the person or unit (real-name or sealed)</source>
        <translation>实名签署或加盖公章的个人或单位名称</translation>
    </message>
    <message>
        <source>What the written objection says</source>
        <translation>书面异议的主要内容</translation>
    </message>
    <message>
        <source>Record objection</source>
        <translation>登记异议</translation>
    </message>
    <message>
        <source>Record an objection received in writing</source>
        <translation>登记书面异议</translation>
    </message>
    <message>
        <source>Objector:</source>
        <translation>异议人：</translation>
    </message>
    <message>
        <source>Received on:</source>
        <translation>收到日期：</translation>
    </message>
    <message>
        <source>Objection:</source>
        <translation>异议内容：</translation>
    </message>
    <message>
        <source>What the check found and the conclusion</source>
        <translation>核查情况及结论</translation>
    </message>
    <message>
        <source>Upheld: back to review</source>
        <translation>异议成立，退回审查</translation>
    </message>
    <message>
        <source>Not upheld</source>
        <translation>异议不成立</translation>
    </message>
    <message>
        <source>Decide the selected objection (reviewer)</source>
        <translation>处理所选异议（审核人）</translation>
    </message>
    <message>
        <source>Opinion:</source>
        <translation>处理意见：</translation>
    </message>
    <message>
        <source>Decided on:</source>
        <translation>处理日期：</translation>
    </message>
    <message>
        <source>Public notice %1 to %2</source>
        <translation>公示期 %1 至 %2</translation>
    </message>
    <message>
        <source>No public notice yet</source>
        <translation>尚未公示</translation>
    </message>
    <message>
        <source>Case %1 · %2 · %3 · %4 pending</source>
        <translation>案件 %1 · %2 · %3 · 待处理异议 %4 件</translation>
    </message>
    <message>
        <source>Counted: %1</source>
        <translation>公示期计算：%1</translation>
    </message>
    <message>
        <source>Objection from %1 recorded; it waits for a reviewer&apos;s decision.</source>
        <translation>已登记 %1 的异议，待审核人核查处理。</translation>
    </message>
    <message>
        <source>Objection upheld: the case is back under review.</source>
        <translation>异议成立，案件已退回审查。</translation>
    </message>
    <message>
        <source>Objection not upheld: the public notice goes on.</source>
        <translation>异议不成立，公示继续。</translation>
    </message>
    <message>
        <source>Sign in to act on cases.</source>
        <translation>请先登录再办理案件。</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Signed in as %1. The new password needs at least %2 characters, without spaces at either end.</source>
        <translation>当前登录：%1。新密码至少 %2 个字符，首尾不能有空格。</translation>
    </message>
    <message>
        <source>Current password:</source>
        <translation>原密码：</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <source>Repeat the new password:</source>
        <translation>再次输入新密码：</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>账户(&amp;A)</translation>
    </message>
    <message>
        <source>Change password…</source>
        <translation>修改密码…</translation>
    </message>
    <message>
        <source>Password changed.</source>
        <translation>密码已修改，下次登录请使用新密码。</translation>
    </message>
</context>
<context>
    <name>PaymentsDialog</name>
    <message>
        <source>City reward paid to the enterprise</source>
        <translation>市级奖励拨付企业</translation>
    </message>
    <message>
        <source>Provincial match received from the province</source>
        <translation>省级配套资金到账</translation>
    </message>
    <message>
        <source>Provincial match paid to the enterprise</source>
        <translation>省级配套拨付企业</translation>
    </message>
    <message>
        <source>Funds — case %1</source>
        <translation>资金 — 案件 %1</translation>
    </message>
    <message>
        <source>Money line</source>
        <translation>资金类别</translation>
    </message>
    <message>
        <source>Approved (yuan)</source>
        <translation>批准金额（元）</translation>
    </message>
    <message>
        <source>Received from the province</source>
        <translation>省级到账（元）</translation>
    </message>
    <message>
        <source>Paid to the enterprise</source>
        <translation>已拨付企业（元）</translation>
    </message>
    <message>
        <source>Still to pay</source>
        <translation>尚未拨付（元）</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation>凭证号</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>e.g. 1000000.00</source>
        <translation>如：1000000.00</translation>
    </message>
    <message>
        <source>Treasury or bank voucher number</source>
        <translation>国库或银行凭证号</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Record money</source>
        <translation>登记资金</translation>
    </message>
    <message>
        <source>Money line:</source>
        <translation>资金类别：</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Amount (yuan):</source>
        <translation>金额（元）：</translation>
    </message>
    <message>
        <source>Voucher number:</source>
        <translation>凭证号：</translation>
    </message>
    <message>
        <source>Correct the selected record…</source>
        <translation>冲正所选记录…</translation>
    </message>
    <message>
        <source>Adds a reversing record; nothing is deleted</source>
        <translation>新增一条反向冲正记录，原记录不删除</translation>
    </message>
    <message>
        <source>Payment records</source>
        <translation>拨付记录</translation>
    </message>
    <message>
        <source>Case %1 · %2</source>
        <translation>案件 %1 · %2</translation>
    </message>
    <message>
        <source>City reward</source>
        <translation>市级奖励</translation>
    </message>
    <message>
        <source>Provincial match</source>
        <translation>省级配套</translation>
    </message>
    <message>
        <source>Reverses record %1: %2</source>
        <translation>冲正记录 %1：%2</translation>
    </message>
    <message>
        <source>Reversed by record %1</source>
        <translation>已由记录 %1 冲正</translation>
    </message>
    <message>
        <source>Only a clerk records money</source>
        <translation>登记资金须由经办人办理</translation>
    </message>
    <message>
        <source>The first city payment moves the case to “已拨付”.</source>
        <translation>市级首笔拨付登记后，案件转为“已拨付”。</translation>
    </message>
    <message>
        <source>Sign in to act on cases.</source>
        <translation>请先登录再办理案件。</translation>
    </message>
    <message>
        <source>Recorded: %1, %2 yuan.</source>
        <translation>已登记：%1 %2 元。</translation>
    </message>
    <message>
        <source>Record %1 reversed (%2 yuan).</source>
        <translation>已冲正记录 %1（%2 元）。</translation>
    </message>
</context>
<context>
    <name>Permissions</name>
    <message>
        <source>%1: only for %2</source>
        <translation>%1：仅限%2</translation>
    </message>
</context>
<context>
    <name>PolicyFilesTab</name>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>标识</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Document no.</source>
        <translation>文号</translation>
    </message>
    <message>
        <source>Content hash</source>
        <translation>内容哈希</translation>
    </message>
    <message>
        <source>Check a policy file…</source>
        <translation>检查政策文件…</translation>
    </message>
    <message>
        <source>Use this file</source>
        <translation>启用此文件</translation>
    </message>
    <message>
        <source>Policy files in use (an added file overrides a shipped one with the same id):</source>
        <translation>正在使用的政策文件（新增的文件会替代同一标识的内置文件）：</translation>
    </message>
    <message>
        <source>Provincial policy</source>
        <translation>省级政策</translation>
    </message>
    <message>
        <source>City reward schedule</source>
        <translation>市级奖励标准</translation>
    </message>
    <message>
        <source>Choose a policy file</source>
        <translation>选择政策文件</translation>
    </message>
    <message>
        <source>Policy files (*.toml)</source>
        <translation>政策文件 (*.toml)</translation>
    </message>
    <message>
        <source>Open cases under %1: %2; amounts would change in %3.</source>
        <translation>按 %1 办理的未定案案件 %2 件，其中金额会变化的 %3 件。</translation>
    </message>
    <message>
        <source>Values marked as inferred: %1</source>
        <translation>标为推定的取值：%1</translation>
    </message>
    <message>
        <source>Valid: %1 (%2)</source>
        <translation>有效：%1（%2）</translation>
    </message>
    <message>
        <source>Now in use: %1</source>
        <translation>已启用：%1</translation>
    </message>
</context>
<context>
    <name>RevokeDialog</name>
    <message>
        <source>Revoke national title</source>
        <translation>撤销国家级称号</translation>
    </message>
    <message>
        <source>e.g. failed the re-review; re-review materials not submitted</source>
        <translation>如：复核未通过；未按期提交复核材料</translation>
    </message>
    <message>
        <source>Revoked on:</source>
        <translation>撤销日期：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Fill in the reason for revoking the title.</source>
        <translation>请填写撤销称号的原因。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Create the administrator</source>
        <translation>创建管理员</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>This is the first start on this database. Create the administrator account; the administrator then adds the officers and their roles.</source>
        <translation>这是该数据库的首次启动。请创建管理员账户，再由管理员添加各位人员并分配角色。</translation>
    </message>
    <message>
        <source>Sign in with your account.</source>
        <translation>请用您的账户登录。</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Repeat the password:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <source>Create and sign in</source>
        <translation>创建并登录</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>StatsPage</name>
    <message>
        <source>Year:</source>
        <translation>年度：</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Amounts count the approved cases decided in the year; click a figure for its cases.</source>
        <translation>金额按当年决定批准的案件统计；点击数字或柱形可查看对应案件。</translation>
    </message>
    <message>
        <source>Cases by state</source>
        <translation>案件状态</translation>
    </message>
    <message>
        <source>Money</source>
        <translation>资金</translation>
    </message>
    <message>
        <source>Approved amounts by district (10,000 yuan)</source>
        <translation>各区批准金额（万元）</translation>
    </message>
    <message>
        <source>Approved amounts by title kind (10,000 yuan)</source>
        <translation>各称号类别批准金额（万元）</translation>
    </message>
    <message>
        <source>Approved amounts by month (10,000 yuan)</source>
        <translation>各月批准金额（万元）</translation>
    </message>
    <message>
        <source>Budget usage (10,000 yuan)</source>
        <translation>预算使用（万元）</translation>
    </message>
    <message>
        <source>Enterprises with valid titles, by kind and batch</source>
        <translation>持有有效称号的企业（按类别、批次）</translation>
    </message>
    <message>
        <source>Title kind</source>
        <translation>称号类别</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Enterprises</source>
        <translation>企业数</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>全部年度</translation>
    </message>
    <message>
        <source>No cases yet.</source>
        <translation>暂无案件。</translation>
    </message>
    <message>
        <source>Approved cases</source>
        <translation>已批准案件</translation>
    </message>
    <message>
        <source>City reward approved (yuan)</source>
        <translation>市级奖励已批准（元）</translation>
    </message>
    <message>
        <source>Provincial matching approved (yuan)</source>
        <translation>省级配套已批准（元）</translation>
    </message>
    <message>
        <source>City reward paid (yuan)</source>
        <translation>市级奖励已拨付（元）</translation>
    </message>
    <message>
        <source>Provincial matching paid (yuan)</source>
        <translation>省级配套已拨付（元）</translation>
    </message>
    <message>
        <source>no budget set</source>
        <translation>未设置预算</translation>
    </message>
    <message>
        <source>City budget remaining (yuan)</source>
        <translation>市级预算结余（元）</translation>
    </message>
    <message>
        <source>Provincial funds remaining (yuan)</source>
        <translation>省级配套结余（元）</translation>
    </message>
    <message>
        <source>Provincial funds received (yuan)</source>
        <translation>省级配套已到账（元）</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>City reward</source>
        <translation>市级奖励</translation>
    </message>
    <message>
        <source>Provincial matching</source>
        <translation>省级配套</translation>
    </message>
    <message>
        <source>(no district)</source>
        <translation>（未填所在区）</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已拨付</translation>
    </message>
    <message>
        <source>Batch %1</source>
        <translation>第 %1 批</translation>
    </message>
</context>
<context>
    <name>TitleDialog</name>
    <message>
        <source>New national title</source>
        <translation>新增国家级称号</translation>
    </message>
    <message>
        <source>Edit national title</source>
        <translation>编辑国家级称号</translation>
    </message>
    <message>
        <source>Type the credit code or part of the name</source>
        <translation>输入统一社会信用代码或企业名称的一部分</translation>
    </message>
    <message>
        <source>(by date: until 2022 demonstration enterprise, then enterprise)</source>
        <translation>（按认定日期：2022年及以前为示范企业，之后为单项冠军企业）</translation>
    </message>
    <message>
        <source>Batch </source>
        <translation>第 </translation>
    </message>
    <message>
        <source>MIIT document number, e.g. 工信厅企业函〔2024〕135号</source>
        <translation>工信部文号，如 工信厅企业函〔2024〕135号</translation>
    </message>
    <message>
        <source>This is a re-review (复核), not a first recognition</source>
        <translation>复核通过（非首次认定）</translation>
    </message>
    <message>
        <source>Enterprise:</source>
        <translation>企业：</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>称号：</translation>
    </message>
    <message>
        <source>Champion type:</source>
        <translation>单项冠军类型：</translation>
    </message>
    <message>
        <source>Product:</source>
        <translation>产品：</translation>
    </message>
    <message>
        <source>Batch:</source>
        <translation>批次：</translation>
    </message>
    <message>
        <source>Recognised on:</source>
        <translation>认定日期：</translation>
    </message>
    <message>
        <source>Doc no.:</source>
        <translation>文号：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>No enterprise with this credit code; add it in the register first.</source>
        <translation>企业库中没有此统一社会信用代码，请先在企业库中登记该企业。</translation>
    </message>
    <message>
        <source>No enterprise matches; add it in the register first.</source>
        <translation>没有匹配的企业，请先在企业库中登记该企业。</translation>
    </message>
    <message>
        <source>%1 enterprises match; pick one from the list.</source>
        <translation>有 %1 家企业匹配，请从列表中选择。</translation>
    </message>
    <message>
        <source>Saved, please check</source>
        <translation>已保存，请核对</translation>
    </message>
</context>
<context>
    <name>TitleTableModel</name>
    <message>
        <source>Re-review</source>
        <translation>复核</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>District</source>
        <translation>所在区</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Recognised on</source>
        <translation>认定日期</translation>
    </message>
    <message>
        <source>First / re-review</source>
        <translation>首次/复核</translation>
    </message>
    <message>
        <source>Doc no.</source>
        <translation>文号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Status date</source>
        <translation>状态日期</translation>
    </message>
</context>
<context>
    <name>TitlesPage</name>
    <message>
        <source>Search enterprise name, credit code or district (Ctrl+F)</source>
        <translation>搜索企业名称、统一社会信用代码或所在区（Ctrl+F）</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>New title</source>
        <translation>新增称号</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>撤销…</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>全部年份</translation>
    </message>
    <message>
        <source>All districts</source>
        <translation>全部区</translation>
    </message>
    <message>
        <source>%1 titles</source>
        <translation>共 %1 条</translation>
    </message>
</context>
<context>
    <name>TracePanel</name>
    <message>
        <source>Calculation basis</source>
        <translation>计算依据</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Basis (document, clause)</source>
        <translation>依据（文号、条款）</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>符合条件</translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation>不符合条件</translation>
    </message>
    <message>
        <source>Eligible, but the total exceeds the policy&apos;s total limit</source>
        <translation>符合条件，但合计超过政策奖励总额度</translation>
    </message>
    <message>
        <source>%1 — city reward %2, provincial match %3, total %4 (cap %5)</source>
        <translation>%1——市级奖励 %2，省级配套 %3，合计 %4（奖励总额度 %5）</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Add officer</source>
        <translation>添加人员</translation>
    </message>
    <message>
        <source>Disable / enable the selected officer</source>
        <translation>停用/启用所选人员</translation>
    </message>
    <message>
        <source>Set this password for the selected officer</source>
        <translation>为所选人员设置此密码</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Roles:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Officers (administrator only)</source>
        <translation>人员账户（仅管理员）</translation>
    </message>
    <message>
        <source>What each role may do:</source>
        <translation>各角色可办理的事项：</translation>
    </message>
    <message>
        <source>Only an administrator manages officers.</source>
        <translation>只有管理员才能管理人员账户。</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>✓</source>
        <translation>✓</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Added %1.</source>
        <translation>已添加 %1。</translation>
    </message>
    <message>
        <source>Select an officer in the list first.</source>
        <translation>请先在列表中选择人员。</translation>
    </message>
    <message>
        <source>%1 enabled.</source>
        <translation>%1 已启用。</translation>
    </message>
    <message>
        <source>%1 disabled.</source>
        <translation>%1 已停用。</translation>
    </message>
    <message>
        <source>New password set for %1.</source>
        <translation>已为 %1 设置新密码。</translation>
    </message>
</context>
</TS>
