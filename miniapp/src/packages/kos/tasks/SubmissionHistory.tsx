import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { formatDateTime } from '../../../components/format';
import { EmptyState, ErrorState, Loading } from '../../../components/StateViews';
import type { TaskSubmission } from '../../../services/api';
import { strings } from '../../../strings';
import { useTaskSubmissions } from '../hooks/useTasks';

const STATUS_TAG: Record<TaskSubmission['status'], string> = { pending: 'tag--warn', approved: '', rejected: 'tag--danger' };

/** WeChat opens no outside link from a mini-program: the KOS copies it. */
function copyLink(url: string) {
  void Taro.setClipboardData({ data: url }).then(() => Taro.showToast({ title: strings.taskProof.linkCopied, icon: 'none' }));
}

function SubmissionItem({ submission }: { submission: TaskSubmission }) {
  const p = strings.taskProof;
  return (
    <View className='submission' data-testid={`submission-${submission.id}`}>
      <View className='row'>
        <Text className={`tag ${STATUS_TAG[submission.status]}`}>{p.status[submission.status]}</Text>
        <Text className='muted'>{p.submittedAt(formatDateTime(submission.createdAt))}</Text>
      </View>
      {submission.status === 'rejected' && submission.reviewReason ? <Text className='submission__reason'>{p.reason(submission.reviewReason)}</Text> : null}
      {submission.url ? (
        <Text className='submission__link' onClick={() => copyLink(submission.url!)}>
          {submission.url}
        </Text>
      ) : null}
      {submission.imageUrls.length > 0 ? (
        <View className='proof-images__row submission__images'>
          {submission.imageUrls.map((url) => (
            <View key={url} className='proof-images__item' onClick={() => void Taro.previewImage({ urls: submission.imageUrls, current: url })}>
              <Image className='proof-images__thumb' src={url} mode='aspectFill' />
            </View>
          ))}
        </View>
      ) : null}
      {submission.note ? <Text className='muted submission__note'>{submission.note}</Text> : null}
    </View>
  );
}

/** What became of each post sent for a task, with the reviewer's reason when one was rejected. */
export function SubmissionHistory({ taskId, version }: { taskId: number; version: string }) {
  const submissions = useTaskSubmissions(taskId, version);
  let content;
  if (submissions.status === 'loading') content = <Loading />;
  else if (submissions.status === 'error') content = <ErrorState error={submissions.error} onRetry={submissions.reload} />;
  else if (submissions.data.items.length === 0) content = <EmptyState text={strings.taskProof.historyEmpty} />;
  else content = submissions.data.items.map((submission) => <SubmissionItem key={submission.id} submission={submission} />);
  return (
    <View className='submissions' data-testid={`submissions-${taskId}`}>
      {content}
    </View>
  );
}
